import { PrismaService } from '@rapport/db';
import { randomBytes } from 'node:crypto';
import { freshDatabase, startApi } from '../support/security-instances';
import { password } from '../support/security-world';

type Api = Awaited<ReturnType<typeof startApi>>;

/**
 * The last-admin rule under concurrency (issue 14, finding 3): two admins deleting (or demoting)
 * each other at the same moment leave exactly one admin. Runs on a database of its own, where
 * this suite owns every admin, so it may bring their number down to one.
 */
describe('the last admin', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let api: Api;
  const bootstrap = { email: 'first-admin@rapport.test', password: password() };

  beforeAll(async () => {
    db = await freshDatabase();
    api = await startApi({ DATABASE_URL: db.url, ADMIN_EMAIL: bootstrap.email, ADMIN_PASSWORD: bootstrap.password, LOG_LEVEL: 'error' });
  });

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(api.baseUrl + path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
  };
  const login = async (email: string, secret: string) =>
    (await call('POST', '/api/v1/auth/login', undefined, { email, password: secret })).body.accessToken as string;
  const admins = () => api.app.get(PrismaService).user.count({ where: { role: 'admin' } });

  it('the only admin can neither delete nor demote themselves', async () => {
    const token = await login(bootstrap.email, bootstrap.password);
    const self = (await call('GET', '/api/v1/auth/me', token)).body.id as string;
    expect((await call('DELETE', `/api/v1/users/${self}`, token)).status).toBe(400);
    expect((await call('PATCH', `/api/v1/users/${self}`, token, { role: 'manager' })).status).toBe(400);
    expect(await admins()).toBe(1);
  });

  it.each([1, 2, 3, 4, 5])('round %i: two admins deleting each other at once leave exactly one', async () => {
    const survivor = await login(bootstrap.email, bootstrap.password);
    const survivorId = (await call('GET', '/api/v1/auth/me', survivor)).body.id as string;
    const email = `admin-${randomBytes(4).toString('hex')}@rapport.test`;
    const secret = password();
    const created = await call('POST', '/api/v1/users', survivor, { email, password: secret, role: 'admin' });
    expect(created.status).toBe(201);
    const rival = await login(email, secret);
    expect(await admins()).toBe(2);

    const [byRival, bySurvivor] = await Promise.all([
      call('DELETE', `/api/v1/users/${survivorId}`, rival),
      call('DELETE', `/api/v1/users/${created.body.id as string}`, survivor),
    ]);
    const statuses = [byRival.status, bySurvivor.status];
    // One deletion wins; the other is refused as the last admin (409) or, arriving after it, as a deleted user (401).
    expect(statuses.filter((s) => s === 204)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409 || s === 401)).toHaveLength(1);
    expect(await admins()).toBe(1);
    // Whoever survived is the admin of the next round.
    if (byRival.status === 204) Object.assign(bootstrap, { email, password: secret });
  });

  it('an admin demoting the other while being deleted by them also leaves exactly one', async () => {
    const survivor = await login(bootstrap.email, bootstrap.password);
    const survivorId = (await call('GET', '/api/v1/auth/me', survivor)).body.id as string;
    const email = `admin-${randomBytes(4).toString('hex')}@rapport.test`;
    const secret = password();
    const created = await call('POST', '/api/v1/users', survivor, { email, password: secret, role: 'admin' });
    const rival = await login(email, secret);
    const [demote, remove] = await Promise.all([
      call('PATCH', `/api/v1/users/${survivorId}`, rival, { role: 'manager' }),
      call('DELETE', `/api/v1/users/${created.body.id as string}`, survivor),
    ]);
    expect([demote.status, remove.status].filter((s) => s >= 200 && s < 300)).toHaveLength(1);
    expect(await admins()).toBe(1);
  });
});
