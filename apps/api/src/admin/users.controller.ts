import { BadRequestException, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { UserRepository } from '@rapport/db';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { UserView, userView } from '../auth/auth.service';
import { hashPassword } from '../auth/password-hasher';
import type { Principal } from '../auth/principal';
import { SessionService } from '../auth/session.service';
import { DocumentBody, ValidBody } from '../shared/zod-validation.pipe';
import { found } from '../shared/found';

const password = z.string().min(10, 'at least 10 characters').max(200);
const userSchema = z
  .object({
    email: z.email().max(320),
    password,
    role: z.enum(['admin', 'manager', 'vendor']),
    vendorId: z.uuid().nullable().optional(),
  })
  .refine((u) => (u.role === 'vendor') === Boolean(u.vendorId), {
    message: 'vendor users need a vendorId, and only they may have one',
    path: ['vendorId'],
  });
// Role and vendor are fixed: a user who changes sides is a new user (their tokens say who they were).
const userPatchSchema = z.object({ email: z.email().max(320).optional(), password: password.optional() });

/**
 * Admin user management. Answers never carry a password hash (users are mapped to a view);
 * a password reset or a deletion ends the user's sessions; every change is audited.
 */
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/users')
export class UsersController {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionService,
  ) {}

  @Post()
  @DocumentBody(userSchema)
  async create(@ValidBody(userSchema) body: z.infer<typeof userSchema>): Promise<UserView> {
    const { password: plain, ...rest } = body;
    return userView(await this.users.create({ ...rest, vendorId: rest.vendorId ?? null, passwordHash: await hashPassword(plain) }));
  }

  @Get()
  async list(): Promise<UserView[]> {
    return (await this.users.list()).map(userView);
  }

  @Get(':id')
  async read(@Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return userView(found(await this.users.find(id)));
  }

  @Patch(':id')
  @DocumentBody(userPatchSchema)
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @ValidBody(userPatchSchema) body: z.infer<typeof userPatchSchema>,
  ): Promise<UserView> {
    const passwordHash = body.password ? await hashPassword(body.password) : undefined;
    const user = userView(found(await this.users.update(id, { email: body.email, passwordHash })));
    if (passwordHash) await this.sessions.endAll(id);
    return user;
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() who: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    const user = found(await this.users.find(id));
    if (user.id === who.userId) throw new BadRequestException('you cannot delete yourself');
    if (user.role === 'admin' && (await this.users.countAdmins()) <= 1) {
      throw new BadRequestException('the last admin cannot be deleted');
    }
    await this.users.delete(id);
    await this.sessions.endAll(id);
  }
}
