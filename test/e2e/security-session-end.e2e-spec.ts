import { Manager } from 'socket.io-client';
import { LiveSocket, RapportHarness } from '../support/rapport-harness';
import { startApi } from '../support/security-instances';
import { buildWorld, password, World } from '../support/security-world';

interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/**
 * Access tokens end with the session (issue 14, finding 2): deleting a user, a new role, vendor
 * or password, and logging out refuse their access tokens at once and close their sockets, on
 * this API instance at once and on another within its one-second poll. Socket caps (finding 8).
 */
describe('sessions that end when they should', () => {
  let rapport: RapportHarness;
  let world: World;
  const saved = { ...process.env };
  const SETTINGS = { LOG_LEVEL: 'error', SOCKETS_PER_USER: '3', SOCKETS_PER_ADDRESS: '12' };

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

  const admin = () => world.admin.token;
  const me = (token: string, baseUrl = rapport.baseUrl) =>
    fetch(`${baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
  const signIn = async (email: string, secret: string) =>
    (await rapport.request<TokenPair>('POST', '/api/v1/auth/login', { body: { email, password: secret } })).body;
  const newUser = async (body: Record<string, unknown>) => {
    const email = `u-${Math.random().toString(36).slice(2)}@example.test`;
    const secret = password();
    const created = await rapport.request<{ id: string }>('POST', '/api/v1/users', {
      token: admin(),
      body: { email, password: secret, ...body },
    });
    if (created.status !== 201) throw new Error(`user not created: ${created.status} ${JSON.stringify(created.body)}`);
    return { id: created.body.id, email, secret, ...(await signIn(email, secret)) };
  };
  const closed = (socket: LiveSocket) => new Promise<string>((resolve) => socket.once('disconnect', resolve));
  const within = <T>(promise: Promise<T>, ms: number, what: string) =>
    Promise.race([
      promise,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms)),
    ]);

  it('deleting a user refuses their access token at once and closes their sockets', async () => {
    const user = await newUser({ role: 'manager' });
    const socket = await rapport.socket(user.accessToken);
    const disconnected = closed(socket);
    expect(await me(user.accessToken)).toBe(200);
    expect((await rapport.request('DELETE', `/api/v1/users/${user.id}`, { token: admin() })).status).toBe(204);
    expect(await me(user.accessToken)).toBe(401);
    // Before this change a deleted admin's token still created users and ingest tokens.
    expect((await rapport.request('GET', '/api/v1/scorecards', { token: user.accessToken })).status).toBe(401);
    await expect(within(disconnected, 1000, 'the socket closing')).resolves.toBe('io server disconnect');
  });

  it('a new role or vendor ends the session; a new e-mail does not', async () => {
    const [a, b] = world.tenants;
    const user = await newUser({ role: 'vendor', vendorId: a.vendorId });
    const socket = await rapport.socket(user.accessToken);
    const disconnected = closed(socket);
    const patch = (body: unknown) =>
      rapport.request<{ role: string; vendorId: string | null }>('PATCH', `/api/v1/users/${user.id}`, { token: admin(), body });

    expect((await patch({ email: `renamed-${user.email}` })).status).toBe(200);
    expect(await me(user.accessToken)).toBe(200);

    const moved = await patch({ vendorId: b.vendorId });
    expect(moved).toMatchObject({ status: 200, body: { role: 'vendor', vendorId: b.vendorId } });
    expect(await me(user.accessToken)).toBe(401);
    await expect(within(disconnected, 1000, 'the socket closing')).resolves.toBe('io server disconnect');
    // The old refresh token went with the session.
    expect((await rapport.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } })).status).toBe(401);

    const again = await signIn(`renamed-${user.email}`, user.secret);
    expect(await me(again.accessToken)).toBe(200);
    expect((await patch({ role: 'manager', vendorId: null })).body).toMatchObject({ role: 'manager', vendorId: null });
    expect(await me(again.accessToken)).toBe(401);
    // A vendor user needs a vendor; an admin cannot change their own role.
    expect((await patch({ role: 'vendor' })).status).toBe(400);
    const self = (await rapport.request<{ id: string }>('GET', '/api/v1/auth/me', { token: admin() })).body.id;
    expect((await rapport.request('PATCH', `/api/v1/users/${self}`, { token: admin(), body: { role: 'manager' } })).status).toBe(400);
  });

  it("an admin's password reset, and the user's own password change, end their access tokens", async () => {
    const user = await newUser({ role: 'manager' });
    expect((await rapport.request('PATCH', `/api/v1/users/${user.id}`, { token: admin(), body: { password: password() } })).status).toBe(
      200,
    );
    expect(await me(user.accessToken)).toBe(401);

    const other = await newUser({ role: 'manager' });
    const second = await signIn(other.email, other.secret);
    const change = await rapport.request('POST', '/api/v1/auth/password', {
      token: other.accessToken,
      body: { currentPassword: other.secret, newPassword: password() },
    });
    expect(change.status).toBe(204);
    expect(await me(other.accessToken)).toBe(401);
    expect(await me(second.accessToken)).toBe(401);
  });

  it('logging out refuses the access token at once and closes the sockets; another device refreshes and carries on', async () => {
    const user = await newUser({ role: 'manager' });
    const otherDevice = await signIn(user.email, user.secret);
    const socket = await rapport.socket(user.accessToken);
    const disconnected = closed(socket);
    expect((await rapport.request('POST', '/api/v1/auth/logout', { body: { refreshToken: user.refreshToken } })).status).toBe(204);
    expect(await me(user.accessToken)).toBe(401);
    expect(await me(otherDevice.accessToken)).toBe(401);
    await expect(within(disconnected, 1000, 'the socket closing')).resolves.toBe('io server disconnect');
    const refreshed = await rapport.request<TokenPair>('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: otherDevice.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect(await me(refreshed.body.accessToken)).toBe(200);
  });

  it('another API instance refuses the token and closes its sockets within its one-second poll', async () => {
    const second = await startApi(SETTINGS);
    try {
      const user = await newUser({ role: 'manager' });
      expect(await me(user.accessToken, second.baseUrl)).toBe(200);
      const { io } = await import('socket.io-client');
      const socket: LiveSocket = io(second.baseUrl, { auth: { token: user.accessToken }, transports: ['websocket'], reconnection: false });
      await new Promise<void>((resolve, reject) => (socket.once('connect', resolve), socket.once('connect_error', reject)));
      const disconnected = closed(socket);
      // Deleted through the first instance: the second learns of it from PostgreSQL.
      expect((await rapport.request('DELETE', `/api/v1/users/${user.id}`, { token: admin() })).status).toBe(204);
      await expect(within(disconnected, 3000, 'the socket on the other instance closing')).resolves.toBe('io server disconnect');
      expect(await me(user.accessToken, second.baseUrl)).toBe(401);
    } finally {
      await second.stop();
    }
  });

  it('caps sockets per user, and connections per address (anonymous ones included)', async () => {
    const user = await newUser({ role: 'manager' });
    const sockets = [
      await rapport.socket(user.accessToken),
      await rapport.socket(user.accessToken),
      await rapport.socket(user.accessToken),
    ];
    await expect(rapport.socket(user.accessToken)).rejects.toThrow(/too many connections: at most 3 per user/);
    sockets.pop()!.close();
    await new Promise((r) => setTimeout(r, 200));
    sockets.push(await rapport.socket(user.accessToken));

    // 3 open; anonymous transport connections (no namespace, no token) fill the address's 12.
    const managers: Manager[] = [];
    const open = () =>
      new Promise<'open' | 'refused'>((resolve) => {
        const manager = new Manager(rapport.baseUrl, { transports: ['websocket'], reconnection: false, autoConnect: false });
        managers.push(manager);
        manager.open((error) => resolve(error ? 'refused' : 'open'));
      });
    const outcomes: string[] = [];
    for (let i = 0; i < 10; i++) outcomes.push(await open());
    expect(outcomes).toEqual([...Array(9).fill('open'), 'refused']);
    // Signed-in sockets of another user from the same address are refused too.
    await expect(rapport.socket(world.manager.token)).rejects.toThrow();
    for (const manager of managers) manager.engine?.close();
    for (const socket of sockets) socket.close();
    await new Promise((r) => setTimeout(r, 300));
    const after = await rapport.socket(world.manager.token);
    after.close();
  });
});
