import type { AlertView, ScorecardView } from '@rapport/contracts';
import { io } from 'socket.io-client';
import { EventFactory, HOUR } from '../support/fixtures';
import { LiveSocket, nextEvent, RapportHarness } from '../support/rapport-harness';
import { fill, foreignIn, randomId, resourceKindOf, resourceOf, Tally } from '../support/security-matrix';
import { enumerateRoutes, enumerateSocketHandlers, RouteInfo } from '../support/security-routes';
import { forgedTokens } from '../support/security-tokens';
import { buildWorld, identifiersOf, Tenant, World } from '../support/security-world';

/**
 * The access matrix. Routes and socket handlers are read from the running application, so a
 * route added later is checked too, or fails this suite when the matrix cannot tell what to
 * expect of it. Each route is called anonymously, with forged tokens, and as every role on
 * every tenant's resources; vendor users must get 403/404 for the other vendor's records and
 * never see its identifiers, on REST or on the socket.
 */
describe('access matrix', () => {
  let rapport: RapportHarness;
  let world: World;
  let routes: RouteInfo[];
  const rest = new Tally();
  const sockets = new Tally();

  // Socket state recorded while real events flow through the pipeline (beforeAll).
  type Received = { event: string; payload: unknown }[];
  const received = new Map<string, Received>();
  const alertIds = new Map<string, string[]>();
  const live: LiveSocket[] = [];

  const SELF_SERVICE = /^\/api\/v1\/auth\//;
  // Deliberately open to everyone, with what they must answer anonymously.
  const OPEN: Record<string, number> = { 'GET /health/live': 200, 'GET /health/ready': 200, 'GET /metrics': 200 };
  const DOCS = /^\/api\/docs([-/]|$)/;
  // Express-level catch-alls (request logging middleware): they pass requests on, never answer them.
  const CATCH_ALL = '/{*path}';
  const CALLABLE = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
  // Client → server socket events the matrix knows how to check: none exist, none are expected.
  const SOCKET_EXPECTATIONS: Record<string, never> = {};

  const logLevel = process.env.LOG_LEVEL;

  beforeAll(async () => {
    // Hundreds of refusals are the point here; the API logs each 4xx as a warning.
    process.env.LOG_LEVEL = 'error';
    rapport = await RapportHarness.start();
    world = await buildWorld(rapport);
    routes = enumerateRoutes(rapport.api);

    const [a, b] = world.tenants;
    const connect = async (name: string, token: string) => {
      const socket = await rapport.socket(token);
      const log: Received = [];
      socket.onAny((event: string, payload: unknown) => log.push({ event, payload }));
      received.set(name, log);
      live.push(socket);
      return socket;
    };
    const admin = await connect('admin', world.admin.token);
    await connect('manager', world.manager.token);
    const socketA = await connect('A', a.token);
    await connect('B', b.token);
    // Clients cannot join rooms: asking is ignored.
    for (const event of ['join', 'subscribe', 'joinRoom', 'room']) {
      (socketA as unknown as { emit(e: string, ...args: unknown[]): void }).emit(event, `scope:vendor:${b.vendorId}`);
      (socketA as unknown as { emit(e: string, ...args: unknown[]): void }).emit(event, 'scope:all');
    }

    // Three ratings of 5 (score 100), then one of 1 (score 50): a band change and a sharp drop for each vendor.
    const factories = new Map(world.tenants.map((t) => [t.contractId, new EventFactory(t.contractId, `test://matrix/${t.label}`)]));
    const rating = (t: Tenant, id: string, csat: number) =>
      factories.get(t.contractId)!.event('feedback.submitted', Date.now() - HOUR, { feedbackId: id, csat });
    const scored = (t: Tenant, score: number) =>
      nextEvent(admin, 'scorecard.updated', (s: ScorecardView) => s.contractId === t.contractId && s.score === score);
    const firstScores = Promise.all(world.tenants.map((t) => scored(t, 100)));
    for (const t of world.tenants)
      expect((await rapport.ingest([rating(t, 'F1', 5), rating(t, 'F2', 5), rating(t, 'F3', 5)])).status).toBe(202);
    await firstScores;
    const alerts = Promise.all(
      world.tenants.map((t) =>
        nextEvent(admin, 'alert.raised', (al: AlertView) => al.contractId === t.contractId && al.kind === 'sharp_drop'),
      ),
    );
    for (const t of world.tenants) expect((await rapport.ingest([rating(t, 'F4', 1)])).status).toBe(202);
    await alerts;
    // Anything still in flight to the other sockets arrives well within this.
    await new Promise((r) => setTimeout(r, 1500));
    for (const t of world.tenants) {
      const ids = received
        .get('admin')!
        .filter((r) => r.event === 'alert.raised' && (r.payload as AlertView).contractId === t.contractId)
        .map((r) => (r.payload as AlertView).id);
      alertIds.set(t.vendorId, ids);
    }
  });

  afterAll(async () => {
    for (const socket of live) socket.close();
    await rapport?.stop();
    process.env.LOG_LEVEL = logLevel;
    const leaks = rest.leaks.length + sockets.leaks.length;
    console.log(
      `access matrix: ${routes?.length ?? 0} routes; ${rest.checks} route × role × resource checks; ` +
        `${sockets.checks} socket checks; leaks found: ${leaks}`,
    );
  });

  const foreignTo = (tenant: Tenant): string[] => {
    const other = world.tenants.find((t) => t !== tenant)!;
    return identifiersOf(other, alertIds.get(other.vendorId) ?? []);
  };
  const report = (tally: Tally) => {
    expect(tally.leaks).toEqual([]);
    expect(tally.failures).toEqual([]);
  };
  const describeRoute = (route: RouteInfo) => `${route.method} ${route.path}`;
  const call = (route: RouteInfo, path: string, token?: string, body: unknown = {}) =>
    rapport.request(route.method, path, { token, body: route.method === 'GET' || route.method === 'DELETE' ? undefined : body });

  it('finds every route and knows what to expect of each', () => {
    const problems: string[] = [];
    for (const route of routes) {
      const name = describeRoute(route);
      if (!route.policy) {
        if (!(route.method === 'GET' && DOCS.test(route.path)) && route.path !== CATCH_ALL)
          problems.push(`${name}: registered outside Nest, no policy`);
        continue;
      }
      if (route.policy.kind !== 'signed-in') continue;
      if (route.method !== 'GET' && !SELF_SERVICE.test(route.path))
        problems.push(`${name}: a change open to every signed-in user needs @Roles`);
      for (const param of route.params) {
        if (!resourceKindOf(route, param)) problems.push(`${name}: vendor users may call it, but the matrix has no resource for :${param}`);
      }
    }
    expect(problems).toEqual([]);
    // The routes this matrix was written against; more may come, none may vanish unnoticed.
    const names = routes.map(describeRoute);
    for (const known of [
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/refresh',
      'POST /api/v1/auth/logout',
      'POST /api/v1/auth/password',
      'GET /api/v1/auth/me',
      'POST /api/v1/events',
      'GET /api/v1/vendors/:id',
      'DELETE /api/v1/contracts/:id',
      'PATCH /api/v1/users/:id',
      'GET /api/v1/scorecards/:contractId/history',
      'GET /api/v1/vendors/:vendorId/scorecard',
      'GET /api/v1/alerts',
      'GET /api/v1/quarantine',
      'POST /api/v1/ingest-tokens',
      'DELETE /api/v1/ingest-tokens/:id',
      'GET /api/v1/audit-log',
    ]) {
      expect(names).toContain(known);
    }
    const listed = routes.filter((r) => r.path !== CATCH_ALL || r.method === 'GET');
    console.log(`routes under test:\n${listed.map((r) => `  ${describeRoute(r)}  [${policyName(r)}]`).join('\n')}`);
  });

  it('refuses anonymous callers and forged tokens on every route that needs a user', async () => {
    const [a, b] = world.tenants;
    const bad = {
      ...prefixed('admin', forgedTokens(world.admin.token, process.env.AUTH_SECRET!).bad),
      ...prefixed('vendor', forgedTokens(a.token, process.env.AUTH_SECRET!).bad),
    };
    for (const route of routes) {
      const name = describeRoute(route);
      const path = fill(route, (_, kind) => (kind ? resourceOf(world, b, kind) : 'x'));
      if (!route.policy && route.path === CATCH_ALL) {
        if (!CALLABLE.has(route.method)) continue;
        const res = await call(route, `/api/v1/no-such-route/${randomId()}`);
        rest.check(`${route.method} on an unknown path → ${res.status}, expected 404`, res.status === 404, isSuccess(res.status));
        continue;
      }
      if (!route.policy) {
        const res = await call(route, path);
        rest.check(`${name} (documentation) anonymous → ${res.status}`, res.status < 500);
        continue;
      }
      if (route.policy.kind === 'public') {
        const open = OPEN[name];
        const anonymous = await call(route, path);
        if (open) {
          rest.check(`${name} anonymous → ${anonymous.status}, expected ${open}`, anonymous.status === open);
          continue;
        }
        // A machine route (sign-in, ingestion, webhooks) refuses a call without its credentials.
        rest.check(`${name} anonymous → ${anonymous.status}`, isRefusal(anonymous.status), isSuccess(anonymous.status));
        const asUser = await call(route, path, world.admin.token);
        rest.check(`${name} with a user's access token → ${asUser.status}`, isRefusal(asUser.status), isSuccess(asUser.status));
        continue;
      }
      const anonymous = await call(route, path);
      rest.check(`${name} anonymous → ${anonymous.status}`, anonymous.status === 401, isSuccess(anonymous.status));
      for (const [variant, token] of Object.entries(bad)) {
        const res = await call(route, path, token);
        rest.check(`${name} ${variant} token → ${res.status}`, res.status === 401, isSuccess(res.status));
      }
    }
    report(rest);
  });

  it('gives each role exactly its rights, and vendor users only their own vendor', async () => {
    const [a, b] = world.tenants;
    const roles = [
      { name: 'admin', role: 'admin' as const, token: world.admin.token, tenant: null },
      { name: 'manager', role: 'manager' as const, token: world.manager.token, tenant: null },
      { name: 'vendor A', role: 'vendor' as const, token: a.token, tenant: a },
      { name: 'vendor B', role: 'vendor' as const, token: b.token, tenant: b },
    ];
    for (const route of routes) {
      const policy = route.policy;
      if (!policy || policy.kind === 'public') continue;
      const name = describeRoute(route);
      // The resources to try: each tenant's (when the route names one), or one unknown id.
      const targets: { label: string; owner: Tenant | null; path: string }[] = route.params.length
        ? [
            ...world.tenants.map((t) => ({
              label: `${t.label}'s`,
              owner: t,
              path: fill(route, (_, kind) => (kind ? resourceOf(world, t, kind) : randomId())),
            })),
            { label: 'a missing', owner: null, path: fill(route, () => randomId()) },
          ]
        : [{ label: 'the collection', owner: null, path: route.path }];
      for (const who of roles) {
        const allowed = policy.kind === 'signed-in' || policy.roles.includes(who.role);
        for (const target of targets) {
          const what = `${name} as ${who.name} on ${target.label}`;
          if (!allowed) {
            const res = await call(route, target.path, who.token);
            rest.check(`${what} → ${res.status}, expected 403`, res.status === 403, isSuccess(res.status));
            continue;
          }
          if (route.method !== 'GET') {
            // Allowed changes are not made here; an invalid body shows the route is reachable and validates.
            if (who.role === 'admin') continue;
            const res = await call(route, target.path, who.token, { invalid: true });
            const foreign = who.tenant && target.owner && target.owner !== who.tenant;
            rest.check(
              `${what} → ${res.status}`,
              foreign ? isRefusal(res.status) : res.status === 400,
              Boolean(foreign) && isSuccess(res.status),
            );
            continue;
          }
          const res = await call(route, target.path, who.token);
          const missing = route.params.length > 0 && target.owner === null;
          const foreignOwner = who.tenant !== null && target.owner !== null && target.owner !== who.tenant;
          // Ingest tokens and users belong to no tenant a vendor could see: admin-only routes, never reached here by vendors.
          if (missing || foreignOwner) {
            rest.check(`${what} → ${res.status}, expected 403/404`, res.status === 403 || res.status === 404, isSuccess(res.status));
          } else {
            rest.check(`${what} → ${res.status}, expected 200`, res.status === 200);
          }
          if (who.tenant && isSuccess(res.status)) {
            const leaked = foreignIn(res.body, foreignTo(who.tenant));
            rest.check(`${what} answered with the other vendor's ${leaked.join(', ')}`, true, leaked.length > 0);
          }
        }
      }
    }
    report(rest);
  });

  it('validates every parameter and body: 4xx for junk, never 5xx', async () => {
    for (const route of routes) {
      if (!route.policy || route.policy.kind === 'public') continue;
      const name = describeRoute(route);
      if (route.params.length) {
        const res = await call(
          route,
          fill(route, () => 'not-an-id'),
          world.admin.token,
          {},
        );
        rest.check(`${name} with a malformed id → ${res.status}`, res.status >= 400 && res.status < 500, isSuccess(res.status));
      } else if (route.method !== 'GET') {
        const res = await call(route, route.path, world.admin.token, [1]);
        rest.check(`${name} with a junk body → ${res.status}`, res.status >= 400 && res.status < 500);
      } else {
        const res = await call(route, `${route.path}?window=1y&at=yesterday&days=-1&limit=0&before=x&actorId=1`, world.admin.token);
        rest.check(`${name} with a junk query → ${res.status}`, res.status < 500);
      }
    }
    report(rest);
  });

  it("binds every ingest token to its scope: each tenant's token × each tenant's contract, plus admin-wide tokens", async () => {
    const events = (contractId: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        specversion: '1.0',
        id: `matrix-scope-${randomId()}-${i}`,
        source: 'test://matrix/scope',
        type: 'feedback.submitted',
        time: new Date(Date.now() - HOUR).toISOString(),
        contractid: contractId,
        data: { feedbackId: `scope-${randomId()}`, csat: 3 },
      }));
    const wide = await rapport.request<{ token: string }>('POST', '/api/v1/ingest-tokens', {
      token: world.admin.token,
      body: { name: 'matrix admin-wide', allContracts: true },
    });
    const callers = [
      ...world.tenants.map((t) => ({ name: `vendor ${t.label}'s token`, token: t.ingestToken, owner: t as Tenant | null })),
      { name: 'an admin-wide token', token: wide.body.token, owner: null },
      { name: 'INGEST_TOKEN', token: process.env.INGEST_TOKEN!, owner: null },
    ];
    for (const caller of callers) {
      for (const target of world.tenants) {
        const res = await rapport.request<{ forbidden?: { index: number }[] }>('POST', '/api/v1/events', {
          token: caller.token,
          body: events(target.contractId, 2),
        });
        const allowed = caller.owner === null || caller.owner === target;
        rest.check(
          `POST /api/v1/events with ${caller.name} for ${target.label}'s contract → ${res.status}, expected ${allowed ? 202 : 403}`,
          res.status === (allowed ? 202 : 403) && (allowed || res.body.forbidden?.length === 2),
          !allowed && isSuccess(res.status),
        );
      }
      const unknown = await rapport.request('POST', '/api/v1/events', { token: caller.token, body: events(randomId(), 1) });
      const expected = caller.owner === null ? 202 : 403;
      rest.check(`POST /api/v1/events with ${caller.name} for an unknown contract → ${unknown.status}`, unknown.status === expected);
    }
    report(rest);
  });

  it('has no socket event a client could use, and refuses every forged or foreign handshake', async () => {
    const handlers = enumerateSocketHandlers(rapport.api);
    for (const handler of handlers)
      sockets.check(`client event ${handler} has no expectation in the matrix`, handler in SOCKET_EXPECTATIONS);
    const [a] = world.tenants;
    const login = await rapport.request<{ refreshToken: string }>('POST', '/api/v1/auth/login', {
      body: { email: a.email, password: a.password },
    });
    const ingest = await rapport.request<{ token: string }>('POST', '/api/v1/ingest-tokens', {
      token: world.admin.token,
      body: { name: 'socket check', vendorId: a.vendorId },
    });
    const forgedAdmin = forgedTokens(world.admin.token, process.env.AUTH_SECRET!);
    const forgedVendor = forgedTokens(a.token, process.env.AUTH_SECRET!);
    const refused: Record<string, string | undefined> = {
      none: undefined,
      'refresh token': login.body.refreshToken,
      'ingest token': ingest.body.token,
      INGEST_TOKEN: process.env.INGEST_TOKEN,
      ...prefixed('admin', forgedAdmin.bad),
      ...prefixed('vendor', forgedVendor.bad),
    };
    for (const [variant, token] of Object.entries(refused)) {
      const outcome = await handshake(rapport.baseUrl, token);
      sockets.check(`socket handshake with ${variant} → ${outcome}`, outcome === 'refused', outcome === 'connected');
    }
    for (const [variant, token] of Object.entries({ 'admin control': forgedAdmin.control, 'vendor control': forgedVendor.control })) {
      const outcome = await handshake(rapport.baseUrl, token);
      sockets.check(`socket handshake with ${variant} → ${outcome}`, outcome === 'connected');
    }
    const foreignOrigin = await handshake(rapport.baseUrl, world.admin.token, 'http://evil.example');
    sockets.check(`socket handshake from another origin → ${foreignOrigin}`, foreignOrigin === 'refused', foreignOrigin === 'connected');
    report(sockets);
  });

  it("pushes each vendor's updates to that vendor's users and client staff only", () => {
    for (const tenant of world.tenants) {
      const log = received.get(tenant.label)!;
      const own = log.filter((r) => r.event === 'scorecard.updated' && (r.payload as ScorecardView).contractId === tenant.contractId);
      sockets.check(`vendor ${tenant.label} received its own scorecard.updated (${own.length})`, own.length > 0);
      sockets.check(
        `vendor ${tenant.label} received its own alert.raised`,
        log.some((r) => r.event === 'alert.raised' && (r.payload as AlertView).contractId === tenant.contractId),
      );
      for (const { event, payload } of log) {
        const leaked = foreignIn(payload, foreignTo(tenant));
        const vendorId = (payload as { vendorId?: unknown } | null)?.vendorId;
        sockets.check(
          `vendor ${tenant.label} received ${event} of another vendor (${leaked.join(', ')})`,
          true,
          leaked.length > 0 || vendorId !== tenant.vendorId,
        );
      }
    }
    for (const staff of ['admin', 'manager']) {
      for (const tenant of world.tenants) {
        sockets.check(
          `${staff} received vendor ${tenant.label}'s scorecard.updated`,
          received
            .get(staff)!
            .some((r) => r.event === 'scorecard.updated' && (r.payload as ScorecardView).contractId === tenant.contractId),
        );
      }
    }
    report(sockets);
  });
});

function policyName(route: RouteInfo): string {
  const p = route.policy;
  if (!p) return route.path === '/{*path}' ? 'catch-all middleware, every method' : 'documentation';
  if (p.kind === 'roles') return p.roles.join('|');
  if (p.kind === 'signed-in') return p.explicit ? 'signed-in (explicit)' : 'signed-in (scoped reads)';
  return 'public';
}

const isSuccess = (status: number): boolean => status >= 200 && status < 300;
const isRefusal = (status: number): boolean => status >= 400 && status < 500;
const prefixed = (prefix: string, tokens: Record<string, string>) =>
  Object.fromEntries(Object.entries(tokens).map(([k, v]) => [`${prefix} ${k}`, v]));

/** Connects a fresh client and reports whether the server let it in. */
async function handshake(baseUrl: string, token: string | undefined, origin?: string): Promise<'connected' | 'refused'> {
  const socket = io(baseUrl, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: origin ? { origin } : undefined,
  });
  try {
    return await new Promise((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', () => resolve('refused'));
    });
  } finally {
    socket.close();
  }
}
