import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { AccountChangeResult, AccountRepository, Role, UserRepository } from '@rapport/db';
import { UserView, userView } from '../auth/auth.service';
import { hashPassword } from '../auth/password-hasher';
import type { Principal } from '../access/principal';
import { SessionVersionService } from '../auth/session-version.service';
import { found } from '../shared/found';

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  vendorId: string | null;
}

export interface UserChange {
  email?: string;
  password?: string;
  role?: Role;
  vendorId?: string | null;
}

/**
 * The rules of user management: passwords are hashed here and never leave as hashes; a new
 * password, role or vendor and a deletion end the user's sessions (access tokens at once, open
 * sockets too); the last admin can be neither deleted nor demoted, even by two admins at once.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly accounts: AccountRepository,
    private readonly versions: SessionVersionService,
  ) {}

  async create(input: NewUser): Promise<UserView> {
    const { password, ...rest } = input;
    return userView(await this.users.create({ ...rest, passwordHash: await hashPassword(password) }));
  }

  async list(): Promise<UserView[]> {
    return (await this.users.list()).map(userView);
  }

  async read(id: string): Promise<UserView> {
    return userView(found(await this.users.find(id)));
  }

  async update(who: Principal, id: string, change: UserChange): Promise<UserView> {
    const current = found(await this.users.find(id));
    const role = change.role ?? current.role;
    const vendorId = change.vendorId !== undefined ? change.vendorId : role === 'vendor' ? current.vendorId : null;
    if ((role === 'vendor') !== Boolean(vendorId)) {
      throw new BadRequestException('vendor users need a vendorId, and only they may have one');
    }
    if (id === who.userId && change.role && change.role !== current.role) throw new BadRequestException('you cannot change your own role');
    const passwordHash = change.password ? await hashPassword(change.password) : undefined;
    const outcome = await this.accounts.change(id, {
      email: change.email,
      passwordHash,
      ...(change.role !== undefined || change.vendorId !== undefined ? { role, vendorId } : {}),
    });
    this.settle(id, outcome, 'demoted');
    return userView(found(await this.users.find(id)));
  }

  async remove(who: Principal, id: string): Promise<void> {
    if (id === who.userId) throw new BadRequestException('you cannot delete yourself');
    this.settle(id, await this.accounts.delete(id), 'deleted');
  }

  private settle(id: string, outcome: AccountChangeResult, verb: string): void {
    switch (outcome.kind) {
      case 'missing':
        found(null);
        return;
      case 'last-admin':
        throw new ConflictException(`the last admin cannot be ${verb}`);
      case 'changed':
        if (outcome.sessionsEnded) this.versions.changed(id);
        return;
      default: {
        const unreachable: never = outcome;
        return unreachable;
      }
    }
  }
}
