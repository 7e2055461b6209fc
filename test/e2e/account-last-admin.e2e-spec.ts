import { AccountChangeResult, AccountRepository, PrismaService, SqlDatabase, UserRepository } from '@rapport/db';
import { Pool } from 'pg';
import { freshDatabase } from '../support/security-instances';

/**
 * The last-admin rule where it is kept, AccountRepository, on a real PostgreSQL: every admin
 * removed at the same moment, by deletions and demotions mixed, each in its own transaction on
 * its own connection. Exactly one admin must remain, however the transactions interleave.
 * (security-last-admin.e2e-spec.ts checks the same through HTTP, two admins at a time.)
 */
describe('AccountRepository: the last admin under concurrency', () => {
  const CONNECTIONS = 10;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let pool: Pool;
  let prisma: PrismaService;
  let accounts: AccountRepository;
  let users: UserRepository;

  beforeAll(async () => {
    // A database of its own: this suite owns every admin in it.
    db = await freshDatabase();
    pool = new Pool({ connectionString: db.url, max: CONNECTIONS });
    // Dropping the database severs idle connections; that must not fail the suite.
    pool.on('error', () => undefined);
    prisma = new PrismaService(pool);
    accounts = new AccountRepository(prisma, new SqlDatabase(pool));
    users = new UserRepository(prisma);
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await pool?.end();
    await db?.drop();
  });

  const admins = () => prisma.user.count({ where: { role: 'admin' } });
  const kinds = (results: AccountChangeResult[]) => results.map((r) => r.kind).sort();

  /** Only `count` admins exist when it resolves. */
  async function onlyAdmins(count: number, round: string): Promise<string[]> {
    await prisma.user.deleteMany();
    const created = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        users.create({ email: `${round}-${i}@rapport.test`, passwordHash: 'scrypt$unused', role: 'admin' }),
      ),
    );
    return created.map((u) => u.id);
  }

  it.each(Array.from({ length: 10 }, (_, i) => i + 1))('round %i: two admins deleting each other at once leave one', async (round) => {
    const [a, b] = await onlyAdmins(2, `pair-${round}`);
    const results = await Promise.all([accounts.delete(a), accounts.delete(b)]);
    expect(kinds(results)).toEqual(['changed', 'last-admin']);
    expect(await admins()).toBe(1);
  });

  it.each(Array.from({ length: 5 }, (_, i) => i + 1))('round %i: one demoting while the other deletes leaves one', async (round) => {
    const [a, b] = await onlyAdmins(2, `mixed-${round}`);
    const results = await Promise.all([accounts.change(a, { role: 'manager' }), accounts.delete(b)]);
    expect(kinds(results)).toEqual(['changed', 'last-admin']);
    expect(await admins()).toBe(1);
  });

  it('eight admins all removed at once, half deleted and half demoted, leave exactly one', async () => {
    const ids = await onlyAdmins(8, 'crowd');
    const results = await Promise.all(ids.map((id, i) => (i % 2 ? accounts.delete(id) : accounts.change(id, { role: 'manager' }))));
    expect(kinds(results)).toEqual([...Array<string>(7).fill('changed'), 'last-admin']);
    expect(await admins()).toBe(1);
  });

  it('a change that keeps the role, or touches a non-admin, is never held back by the rule', async () => {
    const [admin] = await onlyAdmins(1, 'alone');
    const manager = await users.create({ email: 'manager@rapport.test', passwordHash: 'scrypt$unused', role: 'manager' });
    const results = await Promise.all([
      accounts.change(admin, { email: 'still-admin@rapport.test' }),
      accounts.change(admin, { role: 'admin' }),
      accounts.delete(manager.id),
    ]);
    expect(kinds(results)).toEqual(['changed', 'changed', 'changed']);
    expect(await admins()).toBe(1);
  });
});
