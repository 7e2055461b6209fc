import { PrismaService } from '@rapport/db';
import { createHash } from 'node:crypto';
import { RapportHarness } from '../support/rapport-harness';
import { forgedTokens } from '../support/security-tokens';
import { buildWorld, password, World } from '../support/security-world';

interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}
interface AuditRow {
  action: string;
  actorId: string | null;
  actorEmail: string | null;
  target: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/** Sign-in, sessions, passwords, ingest tokens, rate limits and the audit trail, on the real stack. */
describe('sessions, credentials and the audit trail', () => {
  let rapport: RapportHarness;
  let world: World;
  const saved = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, { LOG_LEVEL: 'error', INGEST_RATE_LIMIT: '20', INGEST_FAILURE_RATE_LIMIT: '5' });
    rapport = await RapportHarness.start();
    world = await buildWorld(rapport);
  });

  afterAll(async () => {
    await rapport?.stop();
    for (const key of ['LOG_LEVEL', 'INGEST_RATE_LIMIT', 'INGEST_FAILURE_RATE_LIMIT']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  const signIn = (email: string, pass: string) =>
    rapport.request<TokenPair>('POST', '/api/v1/auth/login', { body: { email, password: pass } });
  const refresh = (refreshToken: string) => rapport.request<TokenPair>('POST', '/api/v1/auth/refresh', { body: { refreshToken } });
  const me = (token: string) => rapport.request<{ id: string; email: string; role: string }>('GET', '/api/v1/auth/me', { token });
  const auditLog = async (query = '') =>
    (await rapport.request<AuditRow[]>('GET', `/api/v1/audit-log?limit=500${query}`, { token: world.admin.token })).body;

  it('signs in with a short-lived access token and a refresh token that rotates on every use', async () => {
    const [a] = world.tenants;
    const login = await signIn(a.email, a.password);
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 15 * 60, refreshToken: expect.stringMatching(/^rpt_rt_/) });
    expect((await me(login.body.accessToken)).body).toMatchObject({ id: a.userId, email: a.email, role: 'vendor' });

    const first = await refresh(login.body.refreshToken);
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(login.body.refreshToken);
    expect((await me(first.body.accessToken)).status).toBe(200);
    const second = await refresh(first.body.refreshToken);
    expect(second.status).toBe(200);

    // The spent token again: a copy is in someone else's hands, so the whole family is revoked.
    expect((await refresh(login.body.refreshToken)).status).toBe(401);
    expect((await refresh(second.body.refreshToken)).status).toBe(401);
    expect((await auditLog('&action=auth.refresh.reuse')).some((e) => e.actorId === a.userId)).toBe(true);

    // Only hashes are stored.
    const prisma = rapport.api.get(PrismaService);
    const stored = await prisma.refreshToken.findMany({ where: { userId: a.userId } });
    const hashes = stored.map((r) => r.tokenHash);
    expect(hashes).toContain(createHash('sha256').update(second.body.refreshToken).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(second.body.refreshToken);
  });

  it('logs out by revoking the refresh token', async () => {
    const [, b] = world.tenants;
    const login = await signIn(b.email, b.password);
    const out = await rapport.request('POST', '/api/v1/auth/logout', { body: { refreshToken: login.body.refreshToken } });
    expect(out.status).toBe(204);
    expect((await refresh(login.body.refreshToken)).status).toBe(401);
    expect((await rapport.request('POST', '/api/v1/auth/logout', { body: { refreshToken: 'rpt_rt_unknown' } })).status).toBe(401);
  });

  it('changes a password only with the current one, and ends every session', async () => {
    const email = `changer-${Date.now()}@example.test`;
    const oldPassword = password();
    const newPassword = password();
    const created = await rapport.request<{ id: string }>('POST', '/api/v1/users', {
      token: world.admin.token,
      body: { email, password: oldPassword, role: 'manager' },
    });
    const session = (await signIn(email, oldPassword)).body;
    const change = (currentPassword: string) =>
      rapport.request('POST', '/api/v1/auth/password', { token: session.accessToken, body: { currentPassword, newPassword } });

    expect((await change('not-the-password')).status).toBe(403);
    expect((await change(oldPassword)).status).toBe(204);
    expect((await signIn(email, oldPassword)).status).toBe(401);
    expect((await signIn(email, newPassword)).status).toBe(200);
    expect((await refresh(session.refreshToken)).status).toBe(401);
    const entries = await auditLog('&action=auth.password');
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['auth.password.change', 'auth.password.failure']));
    expect(entries.find((e) => e.action === 'auth.password.change')).toMatchObject({ actorId: created.body.id, actorEmail: email });
    expect(JSON.stringify(entries)).not.toContain(newPassword);
  });

  it('throttles sign-in attempts per account and address with 429, and audits each attempt without the password', async () => {
    const [, b] = world.tenants;
    const a = { email: `target-${Date.now()}@example.test`, password: password(), userId: '' };
    a.userId = (
      await rapport.request<{ id: string }>('POST', '/api/v1/users', {
        token: world.admin.token,
        body: { email: a.email, password: a.password, role: 'manager' },
      })
    ).body.id;
    const wrong = 'wrong-password-123';
    for (let i = 0; i < 9; i++) expect((await signIn(a.email, wrong)).status).toBe(401);
    // The tenth attempt of the minute is still answered; the eleventh is refused, right password or not.
    expect((await signIn(a.email.toUpperCase(), a.password)).status).toBe(200);
    const throttled = await fetch(`${rapport.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ` ${a.email} `, password: a.password }),
    });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after-login'))).toBeGreaterThan(0);
    // Another account from the same address is not locked out.
    expect((await signIn(b.email, b.password)).status).toBe(200);

    const failures = (await auditLog('&action=auth.login.failure')).filter((e) => e.actorEmail === a.email);
    expect(failures).toHaveLength(9);
    expect(failures[0]).toMatchObject({
      actorId: a.userId,
      ip: expect.stringMatching(/127\.0\.0\.1/),
      details: { reason: 'wrong password' },
    });
    expect(JSON.stringify(await auditLog())).not.toContain(wrong);
    expect((await auditLog('&action=auth.login.success')).some((e) => e.actorId === b.userId)).toBe(true);
  });

  it('accepts a token re-signed with the real secret, and refuses tampered, expired and foreign ones', async () => {
    const { control, bad } = forgedTokens(world.tenants[0].token, process.env.AUTH_SECRET!);
    expect((await me(control)).status).toBe(200);
    for (const [variant, token] of Object.entries(bad)) {
      const res = await me(token);
      expect({ variant, status: res.status }).toEqual({ variant, status: 401 });
    }
  });

  it('issues ingest tokens once, stores only their hash, and honours revocation at once', async () => {
    const admin = world.admin.token;
    const created = await rapport.request<{ id: string; token: string; name: string }>('POST', '/api/v1/ingest-tokens', {
      token: admin,
      body: { name: 'jira-bridge', contractIds: [world.tenants[0].contractId] },
    });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^rpt_ing_[A-Za-z0-9_-]{43}$/);
    const listed = await rapport.request<Record<string, unknown>[]>('GET', '/api/v1/ingest-tokens', { token: admin });
    expect(listed.body.find((t) => t.id === created.body.id)).toEqual({
      id: created.body.id,
      name: 'jira-bridge',
      scope: { kind: 'contracts', contractIds: [world.tenants[0].contractId] },
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    const row = await rapport.api.get(PrismaService).ingestToken.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row.tokenHash).toBe(createHash('sha256').update(created.body.token).digest('hex'));

    const send = (token: string) => rapport.request('POST', '/api/v1/events', { token, body: [] });
    // An empty batch passes the guard and is refused by validation: 400, not 401.
    expect((await send(created.body.token)).status).toBe(400);
    // lastUsedAt is written beside the request, not in its way: poll for it.
    let lastUsedAt: string | null | undefined = null;
    for (let i = 0; i < 50 && !lastUsedAt; i++) {
      const used = await rapport.request<{ id: string; lastUsedAt: string | null }[]>('GET', '/api/v1/ingest-tokens', { token: admin });
      lastUsedAt = used.body.find((t) => t.id === created.body.id)?.lastUsedAt;
      if (!lastUsedAt) await new Promise((r) => setTimeout(r, 50));
    }
    expect(lastUsedAt).toEqual(expect.any(String));
    // A user's access token is not an ingest token.
    expect((await send(admin)).status).toBe(401);

    expect((await rapport.request('DELETE', `/api/v1/ingest-tokens/${created.body.id}`, { token: admin })).status).toBe(204);
    expect((await send(created.body.token)).status).toBe(401);
    expect((await send(process.env.INGEST_TOKEN!)).status).toBe(400);
    const audit = await auditLog('&action=DELETE /api/v1/ingest-tokens');
    expect(audit[0]).toMatchObject({ target: created.body.id, details: { status: 204 } });
  });

  it('rate-limits ingestion per token, and failed attempts per address', async () => {
    const created = await rapport.request<{ token: string }>('POST', '/api/v1/ingest-tokens', {
      token: world.admin.token,
      body: { name: 'chatty source', vendorId: world.tenants[1].vendorId },
    });
    const send = (token: string) => rapport.request('POST', '/api/v1/events', { token, body: [] });
    for (let i = 0; i < 20; i++) expect((await send(created.body.token)).status).toBe(400);
    expect((await send(created.body.token)).status).toBe(429);
    // The limit is per token: the bootstrap token is unaffected.
    expect((await send(process.env.INGEST_TOKEN!)).status).toBe(400);
    // Five failures a minute per address (two happened in the test before): then 429, even for more guesses.
    const guesses: number[] = [];
    for (let i = 0; i < 6; i++) guesses.push((await send(`rpt_ing_guess${i}`)).status);
    expect(guesses.slice(-3)).toEqual([429, 429, 429]);
    expect(guesses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(guesses.every((s) => s === 401 || s === 429)).toBe(true);
  });

  it('audits every admin change with its target and without secrets; only admins read the trail', async () => {
    const admin = world.admin.token;
    const vendor = await rapport.request<{ id: string }>('POST', '/api/v1/vendors', {
      token: admin,
      body: { name: `Audited ${Date.now()}` },
    });
    await rapport.request('PATCH', `/api/v1/vendors/${vendor.body.id}`, { token: admin, body: { name: `Renamed ${Date.now()}` } });
    const secret = password();
    const user = await rapport.request<Record<string, unknown>>('POST', '/api/v1/users', {
      token: admin,
      body: { email: `audited-${Date.now()}@example.test`, password: secret, role: 'vendor', vendorId: vendor.body.id },
    });
    expect(user.status).toBe(201);
    expect(Object.keys(user.body).sort()).toEqual(['createdAt', 'email', 'id', 'role', 'vendorId']);
    const refused = await rapport.request('POST', '/api/v1/contracts', { token: admin, body: { vendorId: vendor.body.id } });
    expect(refused.status).toBe(400);

    const entries = await auditLog();
    const find = (action: string) => entries.find((e) => e.action === action);
    expect(find('POST /api/v1/vendors')).toMatchObject({ target: vendor.body.id, details: { status: 201 } });
    expect(find('PATCH /api/v1/vendors/:id')).toMatchObject({ target: vendor.body.id, details: { status: 200 } });
    expect(find('POST /api/v1/users')).toMatchObject({
      target: user.body.id,
      details: { body: { password: '[redacted]', role: 'vendor' } },
    });
    expect(find('POST /api/v1/contracts')).toMatchObject({ details: { status: 400 } });
    expect(find('POST /api/v1/users')?.actorEmail).toBe(process.env.ADMIN_EMAIL);
    expect(JSON.stringify(entries)).not.toContain(secret);
    expect(JSON.stringify(entries)).not.toMatch(/scrypt\$/);

    for (const token of [world.manager.token, world.tenants[0].token]) {
      expect((await rapport.request('GET', '/api/v1/audit-log', { token })).status).toBe(403);
    }
    const users = await rapport.request<Record<string, unknown>[]>('GET', '/api/v1/users', { token: admin });
    expect(JSON.stringify(users.body)).not.toMatch(/passwordHash|scrypt\$/);
  });

  it('ends the sessions of a deleted user, and an admin cannot delete themselves', async () => {
    const admin = world.admin.token;
    const email = `leaver-${Date.now()}@example.test`;
    const secret = password();
    const user = await rapport.request<{ id: string }>('POST', '/api/v1/users', {
      token: admin,
      body: { email, password: secret, role: 'manager' },
    });
    const session = (await signIn(email, secret)).body;
    expect((await rapport.request('DELETE', `/api/v1/users/${user.body.id}`, { token: admin })).status).toBe(204);
    expect((await refresh(session.refreshToken)).status).toBe(401);
    const self = (await me(admin)).body.id;
    expect((await rapport.request('DELETE', `/api/v1/users/${self}`, { token: admin })).status).toBe(400);
  });
});
