import { randomBytes } from 'node:crypto';
import { RapportHarness } from '../support/rapport-harness';
import { requestFrom } from '../support/security-addresses';
import { buildWorld, password, World } from '../support/security-world';

interface AuditRow {
  action: string;
  actorId: string | null;
  actorEmail: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

const ADDRESSES = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6'];

/**
 * Rate limits per account across addresses (issue 14, finding 4): failed sign-ins of one account
 * from five addresses add up to a lock (429, audited); the password-change limiter is keyed on
 * the signed-in user, whatever the body says.
 */
describe('sign-in limits per account', () => {
  let rapport: RapportHarness;
  let world: World;
  const saved = { ...process.env };
  const SETTINGS = { LOG_LEVEL: 'error', LOGIN_LOCK_AFTER: '6', LOGIN_LOCK_MINUTES: '15' };

  beforeAll(async () => {
    Object.assign(process.env, SETTINGS);
    rapport = await RapportHarness.start();
    world = await buildWorld(rapport);
  });

  afterAll(async () => {
    await rapport?.stop();
    for (const key of Object.keys(SETTINGS)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  const newManager = async () => {
    const email = `target-${randomBytes(4).toString('hex')}@example.test`;
    const secret = password();
    const created = await rapport.request<{ id: string }>('POST', '/api/v1/users', {
      token: world.admin.token,
      body: { email, password: secret, role: 'manager' },
    });
    return { id: created.body.id, email, secret };
  };
  const signInFrom = (address: string, email: string, secret: string) =>
    requestFrom(address, `${rapport.baseUrl}/api/v1/auth/login`, 'POST', { body: { email, password: secret } });
  const auditLog = async (action: string) =>
    (await rapport.request<AuditRow[]>('GET', `/api/v1/audit-log?limit=500&action=${action}`, { token: world.admin.token })).body;

  it('locks an account after 6 failures spread over 5 addresses, audits the lock, and then refuses even the right password', async () => {
    const target = await newManager();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await signInFrom(ADDRESSES[i % ADDRESSES.length], target.email, `wrong-${i}-password`)).status);
    // Five refusals, and the sixth failure locks the account.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const locked = await signInFrom(ADDRESSES[1], target.email, target.secret);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect((locked.body as { message: string }).message).toMatch(/too many failed sign-ins for this account/);
    // Another account from the same addresses is not affected.
    const [a] = world.tenants;
    expect((await signInFrom(ADDRESSES[0], a.email, a.password)).status).toBe(200);

    const locks = (await auditLog('auth.account.locked')).filter((e) => e.actorId === target.id);
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ actorEmail: target.email, details: { failures: 6 } });
    const failures = (await auditLog('auth.login.failure')).filter((e) => e.actorId === target.id);
    expect(new Set(failures.map((f) => f.ip?.replace(/^::ffff:/, '')))).toEqual(new Set(ADDRESSES));
    expect(failures.map((f) => f.details.attempt).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('makes the fourth and later attempts wait longer and longer before the password is checked', async () => {
    const target = await newManager();
    for (let i = 0; i < 3; i++) await signInFrom(ADDRESSES[i], target.email, 'wrong-password-here');
    // Attempt 4 waits 0.2 s and attempt 5 waits 0.4 s (a lower bound: never shorter).
    let started = Date.now();
    expect((await signInFrom(ADDRESSES[3], target.email, 'wrong-password-here')).status).toBe(401);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    started = Date.now();
    expect((await signInFrom(ADDRESSES[4], target.email, target.secret)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    // Success clears the count: the next failure is the first again.
    await signInFrom(ADDRESSES[0], target.email, 'wrong-password-here');
    const last = (await auditLog('auth.login.failure')).find((e) => e.actorId === target.id);
    expect(last?.details.attempt).toBe(1);
  });

  it('answers unknown e-mails the same way (no telling which accounts exist)', async () => {
    const email = `nobody-${randomBytes(4).toString('hex')}@example.test`;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await signInFrom(ADDRESSES[i % ADDRESSES.length], email, 'whatever-password')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('keys the password-change limiter on the signed-in user: made-up e-mails and new addresses get no fresh attempts', async () => {
    const user = await newManager();
    const token = await rapport.login(user.email, user.secret);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await requestFrom(ADDRESSES[i % ADDRESSES.length], `${rapport.baseUrl}/api/v1/auth/password`, 'POST', {
        token,
        body: { currentPassword: `wrong-${i}`, newPassword: password(), email: `random-${i}@example.test` },
      });
      statuses.push(res.status);
    }
    // LOGIN_RATE_LIMIT (10 a minute) for this user, whatever the address or the body's e-mail.
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(403));
    expect(statuses[10]).toBe(429);
  });
});
