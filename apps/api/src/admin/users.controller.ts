import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../access/access.decorators';
import type { UserView } from '../auth/auth.service';
import { newPasswordSchema } from '../auth/password-rule';
import type { Principal } from '../access/principal';
import { DocumentBody, ValidBody } from '../shared/zod-validation.pipe';
import { UsersService } from './users.service';

const role = z.enum(['admin', 'manager', 'vendor']);
const userSchema = z
  .object({
    email: z.email().max(320),
    password: newPasswordSchema,
    role,
    vendorId: z.uuid().nullable().optional(),
  })
  .refine((u) => (u.role === 'vendor') === Boolean(u.vendorId), {
    message: 'vendor users need a vendorId, and only they may have one',
    path: ['vendorId'],
  });
const userPatchSchema = z
  .object({ email: z.email().max(320), password: newPasswordSchema, role, vendorId: z.uuid().nullable() })
  .partial()
  .strict();

/**
 * Admin user management; the rules live in UsersService. Answers never carry a password hash;
 * a new password, role or vendor, or a deletion, ends the user's sessions; every change is audited.
 */
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @DocumentBody(userSchema)
  create(@ValidBody(userSchema) body: z.infer<typeof userSchema>): Promise<UserView> {
    return this.users.create({ ...body, vendorId: body.vendorId ?? null });
  }

  @Get()
  list(): Promise<UserView[]> {
    return this.users.list();
  }

  @Get(':id')
  read(@Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return this.users.read(id);
  }

  /** 409 when it would demote the last admin. */
  @Patch(':id')
  @DocumentBody(userPatchSchema)
  update(
    @CurrentPrincipal() who: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @ValidBody(userPatchSchema) body: z.infer<typeof userPatchSchema>,
  ): Promise<UserView> {
    return this.users.update(who, id, body);
  }

  /** 400 for yourself, 409 for the last admin. */
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentPrincipal() who: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.users.remove(who, id);
  }
}
