import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import type { AccountChange, AccountChangeResult, AccountRepository, UserInput, UserRepository, UserRow } from '@rapport/db';
import type { Principal } from '../access/principal';
import { verifyPassword } from '../auth/password-hasher';
import type { SessionVersionService } from '../auth/session-version.service';
import { UsersService } from './users.service';

const ADMIN = '00000000-0000-4000-8000-00000000000a';
const OTHER = '00000000-0000-4000-8000-00000000000b';
const VENDOR = '00000000-0000-4000-8000-0000000000f1';
const me: Principal = { userId: ADMIN, role: 'admin', vendorId: null };

/**
 * Strict fakes: the users table as a map, the account rules' answer set per test, and every
 * call recorded. A method the service should not call is not there, so calling it fails.
 */
function setup(answer: AccountChangeResult = { kind: 'changed', sessionsEnded: false }) {
  const rows = new Map<string, UserRow & { passwordHash: string }>();
  const add = (id: string, role: UserRow['role'], vendorId: string | null = null) =>
    rows.set(id, { id, email: `${id}@rapport.test`, role, vendorId, createdAt: new Date(0), passwordHash: 'scrypt$x' });
  add(ADMIN, 'admin');
  add(OTHER, 'manager');
  const calls = { change: [] as [string, AccountChange][], delete: [] as string[], ended: [] as string[], created: [] as UserInput[] };
  const users: Pick<UserRepository, 'create' | 'find' | 'list'> = {
    create: (input) => {
      calls.created.push(input);
      const row = { id: 'new', email: input.email, role: input.role, vendorId: input.vendorId ?? null, createdAt: new Date(0) };
      rows.set(row.id, { ...row, passwordHash: input.passwordHash });
      return Promise.resolve(row);
    },
    find: (id) => Promise.resolve(rows.get(id) ?? null),
    list: () => Promise.resolve([...rows.values()]),
  };
  const accounts: Pick<AccountRepository, 'change' | 'delete'> = {
    change: (id, change) => {
      calls.change.push([id, change]);
      return Promise.resolve(answer);
    },
    delete: (id) => {
      calls.delete.push(id);
      return Promise.resolve(answer);
    },
  };
  const versions: Pick<SessionVersionService, 'changed'> = { changed: (id) => void calls.ended.push(id) };
  const service = new UsersService(users as UserRepository, accounts as AccountRepository, versions as SessionVersionService);
  return { service, calls };
}

describe('UsersService', () => {
  it('stores a hash of the new password, never the password, and answers without any hash', async () => {
    const { service, calls } = setup();
    const view = await service.create({ email: 'new@rapport.test', password: 'a long enough secret', role: 'manager', vendorId: null });
    const stored = calls.created[0].passwordHash;
    expect(stored).not.toContain('a long enough secret');
    await expect(verifyPassword('a long enough secret', stored)).resolves.toBe(true);
    expect(view).toEqual({ id: 'new', email: 'new@rapport.test', role: 'manager', vendorId: null, createdAt: new Date(0) });
    expect((await service.list()).every((u) => !('passwordHash' in u))).toBe(true);
  });

  it('hashes a changed password and ends the sessions the account rules say ended', async () => {
    const { service, calls } = setup({ kind: 'changed', sessionsEnded: true });
    await service.update(me, OTHER, { password: 'another long secret' });
    const [[id, change]] = calls.change;
    expect(id).toBe(OTHER);
    await expect(verifyPassword('another long secret', change.passwordHash!)).resolves.toBe(true);
    expect(change).not.toHaveProperty('role');
    expect(calls.ended).toEqual([OTHER]);
  });

  it('leaves sessions alone when nothing that ends them changed', async () => {
    const { service, calls } = setup({ kind: 'changed', sessionsEnded: false });
    await service.update(me, OTHER, { email: 'renamed@rapport.test' });
    expect(calls.change).toEqual([[OTHER, { email: 'renamed@rapport.test', passwordHash: undefined }]]);
    expect(calls.ended).toEqual([]);
  });

  it('sends the role and vendor together, and refuses a vendor user without a vendor (or another role with one)', async () => {
    const { service, calls } = setup();
    await service.update(me, OTHER, { role: 'vendor', vendorId: VENDOR });
    expect(calls.change[0][1]).toMatchObject({ role: 'vendor', vendorId: VENDOR });
    await expect(service.update(me, OTHER, { role: 'vendor' })).rejects.toThrow(BadRequestException);
    await expect(service.update(me, OTHER, { vendorId: VENDOR })).rejects.toThrow(BadRequestException);
    expect(calls.change).toHaveLength(1);
  });

  it('refuses to change your own role or delete yourself, before asking the database', async () => {
    const { service, calls } = setup();
    await expect(service.update(me, ADMIN, { role: 'manager' })).rejects.toThrow(BadRequestException);
    await expect(service.remove(me, ADMIN)).rejects.toThrow(BadRequestException);
    expect(calls.change).toEqual([]);
    expect(calls.delete).toEqual([]);
  });

  it('answers 409 when the account rules refuse to leave no admin, and ends no session', async () => {
    const { service, calls } = setup({ kind: 'last-admin' });
    await expect(service.update(me, OTHER, { role: 'manager' })).rejects.toThrow(new ConflictException('the last admin cannot be demoted'));
    await expect(service.remove(me, OTHER)).rejects.toThrow(new ConflictException('the last admin cannot be deleted'));
    expect(calls.ended).toEqual([]);
  });

  it('ends the sessions of a deleted user at once, and answers 404 for an unknown one', async () => {
    const deleted = setup({ kind: 'changed', sessionsEnded: true });
    await deleted.service.remove(me, OTHER);
    expect(deleted.calls.ended).toEqual([OTHER]);
    const missing = setup({ kind: 'missing' });
    await expect(missing.service.remove(me, OTHER)).rejects.toThrow(NotFoundException);
    await expect(missing.service.update(me, '00000000-0000-4000-8000-000000000099', {})).rejects.toThrow(NotFoundException);
  });
});
