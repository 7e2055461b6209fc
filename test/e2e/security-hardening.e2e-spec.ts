import type { Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { openBrowser, signInAsAdmin } from '../support/browser';
import { RapportHarness } from '../support/rapport-harness';
import { claimsOf, signJwt } from '../support/security-tokens';
import { buildWorld, World } from '../support/security-world';

const ALLOWED_ORIGIN = 'https://console.example.test';

/** Headers, CORS, error bodies, and the dashboard working under its Content-Security-Policy in Chromium. */
describe('http hardening', () => {
  let rapport: RapportHarness;
  let world: World;
  const saved = { LOG_LEVEL: process.env.LOG_LEVEL, CORS_ORIGINS: process.env.CORS_ORIGINS };

  beforeAll(async () => {
    Object.assign(process.env, { LOG_LEVEL: 'error', CORS_ORIGINS: ALLOWED_ORIGIN });
    rapport = await RapportHarness.start();
    world = await buildWorld(rapport);
  });

  afterAll(async () => {
    await rapport?.stop();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  const raw = (path: string, init: RequestInit = {}) => fetch(rapport.baseUrl + path, init);

  it('sends security headers and a strict CSP', async () => {
    const res = await raw('/');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const api = await raw('/api/v1/scorecards');
    expect(api.headers.get('content-security-policy')).toBe(csp);
    // Swagger UI has an inline stylesheet: only the docs get 'unsafe-inline', and only for styles.
    const docs = (await raw('/api/docs')).headers.get('content-security-policy') ?? '';
    expect(docs).toContain("style-src 'self' 'unsafe-inline'");
    expect(docs).toContain("script-src 'self';");
  });

  it('marks every authenticated or token-bearing answer Cache-Control: no-store', async () => {
    const [a] = world.tenants;
    const login = await raw('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: a.email, password: a.password }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('cache-control')).toBe('no-store');
    const authed = { headers: { authorization: `Bearer ${world.admin.token}` } };
    for (const path of ['/api/v1/scorecards', '/api/v1/auth/me', '/api/v1/ingest-tokens', '/api/v1/users', '/api/v1/nothing-here']) {
      const res = await raw(path, authed);
      expect({ path, cacheControl: res.headers.get('cache-control') }).toEqual({ path, cacheControl: 'no-store' });
    }
    const created = await raw('/api/v1/ingest-tokens', {
      method: 'POST',
      headers: { ...authed.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'no-store check', vendorId: a.vendorId }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
  });

  it('answers cross-origin browsers only from allow-listed origins', async () => {
    const preflight = (origin: string) =>
      raw('/api/v1/scorecards', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const foreign = await preflight('https://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await preflight(ALLOWED_ORIGIN);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const simple = await raw('/api/v1/scorecards', {
      headers: { origin: 'https://evil.example', authorization: `Bearer ${world.admin.token}` },
    });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();

    const handshake = (origin: string) =>
      new Promise<string>((resolve) => {
        const socket = io(rapport.baseUrl, {
          auth: { token: world.admin.token },
          transports: ['websocket'],
          reconnection: false,
          extraHeaders: { origin },
        });
        socket.once('connect', () => (socket.close(), resolve('connected')));
        socket.once('connect_error', () => (socket.close(), resolve('refused')));
      });
    await expect(handshake('https://evil.example')).resolves.toBe('refused');
    await expect(handshake(ALLOWED_ORIGIN)).resolves.toBe('connected');
    await expect(handshake(rapport.baseUrl)).resolves.toBe('connected');
  });

  it('disconnects a live socket when its access token expires', async () => {
    const claims = claimsOf(world.tenants[0].token);
    const shortLived = signJwt({ ...claims, exp: Math.floor(Date.now() / 1000) + 2 }, process.env.AUTH_SECRET!);
    const socket = await rapport.socket(shortLived);
    const started = Date.now();
    const reason = await new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect(reason).toBe('io server disconnect');
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('answers errors with short JSON: no stack traces, no other tenant in a 404', async () => {
    const malformed = await raw('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": ',
    });
    expect(malformed.status).toBe(400);
    const malformedBody = await malformed.text();
    expect(JSON.parse(malformedBody)).toMatchObject({ statusCode: 400 });
    expect(malformedBody).not.toMatch(/ at |node_modules|\.ts:|SyntaxError/);

    const huge = await raw('/api/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.INGEST_TOKEN}` },
      body: JSON.stringify({ padding: 'x'.repeat(1_100_000) }),
    });
    expect(huge.status).toBe(413);
    expect(await huge.text()).not.toMatch(/ at |node_modules/);

    const unknown = await raw('/api/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).not.toMatch(/ at |node_modules/);

    const [a, b] = world.tenants;
    const foreign = await rapport.request('GET', `/api/v1/contracts/${b.contractId}`, { token: a.token });
    const missing = await rapport.request('GET', '/api/v1/contracts/00000000-0000-4000-8000-000000000000', { token: a.token });
    expect(foreign).toEqual(missing);
    expect(JSON.stringify(foreign.body)).not.toContain(b.contractId);
  });

  it('runs the dashboard under its CSP: sign-in, data, live websocket, no violation', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      const violations = watchViolations(page);
      const sockets: string[] = [];
      page.on('websocket', (ws) => sockets.push(ws.url()));
      await signInAsAdmin(page, rapport.baseUrl);
      await page.waitForSelector(`.scorecard-card[data-contract-id="${world.tenants[0].contractId}"]`);
      await page.waitForFunction(() => document.querySelector('canvas#portfolio-chart') !== null);
      const wsUrl = rapport.baseUrl.replace(/^http/, 'ws');
      for (let i = 0; i < 50 && !sockets.some((url) => url.startsWith(wsUrl)); i++) await page.waitForTimeout(100);
      expect(sockets.some((url) => url.startsWith(wsUrl))).toBe(true);

      await page.goto(`${rapport.baseUrl}/api/docs`);
      await page.waitForSelector('.swagger-ui .opblock');
      expect(violations()).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

/** Chromium reports each CSP violation on the console ("Refused to … Content Security Policy …"). */
function watchViolations(page: Page): () => string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return () => [...seen];
}
