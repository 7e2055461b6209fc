import { BadRequestException, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { UserRepository, UserRow } from '@rapport/db';
import { z } from 'zod';
import { Roles } from '../auth/auth.decorators';
import { hashPassword } from '../auth/password-hasher';
import { DocumentBody, ValidBody } from '../shared/zod-validation.pipe';
import { found } from '../shared/found';

const password = z.string().min(10, 'at least 10 characters').max(200);
const userSchema = z
  .object({ email: z.email(), password, role: z.enum(['admin', 'manager', 'vendor']), vendorId: z.uuid().nullable().optional() })
  .refine((u) => (u.role === 'vendor') === Boolean(u.vendorId), {
    message: 'vendor users need a vendorId, and only they may have one',
    path: ['vendorId'],
  });
const userPatchSchema = z.object({ email: z.email().optional(), password: password.optional() });

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UserRepository) {}

  @Post()
  @DocumentBody(userSchema)
  async create(@ValidBody(userSchema) body: z.infer<typeof userSchema>): Promise<UserRow> {
    const { password: plain, ...rest } = body;
    return this.users.create({ ...rest, passwordHash: await hashPassword(plain) });
  }

  @Get()
  list(): Promise<UserRow[]> {
    return this.users.list();
  }

  @Get(':id')
  async read(@Param('id', ParseUUIDPipe) id: string): Promise<UserRow> {
    return found(await this.users.find(id));
  }

  @Patch(':id')
  @DocumentBody(userPatchSchema)
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @ValidBody(userPatchSchema) body: z.infer<typeof userPatchSchema>,
  ): Promise<UserRow> {
    const passwordHash = body.password ? await hashPassword(body.password) : undefined;
    return found(await this.users.update(id, { email: body.email, passwordHash }));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    const user = found(await this.users.find(id));
    if (user.role === 'admin' && (await this.users.countAdmins()) <= 1) {
      throw new BadRequestException('the last admin cannot be deleted');
    }
    await this.users.delete(id);
  }
}
