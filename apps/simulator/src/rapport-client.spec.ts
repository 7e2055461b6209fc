import { AbortedError, backoffDelay, HttpError, RetryOptions } from './http-retry';
import { RapportClient } from './rapport-client';

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

type Reply = { status: number; body?: unknown } | Error;

/** A fake fetch answering from a script of replies per "METHOD path" key. */
function fakeApi(script: Record<string, Reply[]>) {
  const calls: Call[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    const path = new URL(url).pathname;
    calls.push({ method: init.method!, url, headers: init.headers as Record<string, string>, body: init.body as string | undefined });
    const queue = script[`${init.method} ${path}`];
    const reply = queue && queue.length > 1 ? queue.shift()! : queue?.[0];
    if (!reply) return new Response('not found', { status: 404 });
    if (reply instanceof Error) throw reply;
    const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    return new Response(text, { status: reply.status });
  }) as unknown as typeof fetch;
  return { calls, fetchFn };
}

const networkDown = () => Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });

function clientFor(script: Record<string, Reply[]>, signal?: AbortSignal) {
  const api = fakeApi(script);
  const delays: number[] = [];
  const logs: string[] = [];
  const retry: RetryOptions = { baseMs: 100, maxMs: 1000, random: () => 0.5, sleep: async (ms) => void delays.push(ms) };
  const client = new RapportClient({
    apiUrl: 'http://api.test',
    adminEmail: 'admin@example.com',
    adminPassword: 'pw',
    ingestToken: 'ingest-secret',
    log: (l) => logs.push(l),
    fetch: api.fetchFn,
    retry,
    signal,
  });
  return { client, calls: api.calls, delays, logs };
}

const login = { status: 200, body: { accessToken: 'tok-1' } };

describe('RapportClient', () => {
  it('signs in, then sends the access token on admin calls', async () => {
    const { client, calls } = clientFor({
      'POST /api/v1/auth/login': [login],
      'GET /api/v1/vendors': [{ status: 200, body: [{ id: 'v1', name: 'Acme' }] }],
      'POST /api/v1/contracts': [{ status: 201, body: { id: 'c1', vendorId: 'v1', name: 'X' } }],
    });
    await client.login();
    expect(await client.listVendors()).toEqual([{ id: 'v1', name: 'Acme' }]);
    const sla = { P1: { firstResponseMinutes: 15, resolutionMinutes: 240 } } as never;
    await client.createContract({ vendorId: 'v1', name: 'X', serviceType: 'cloud', startsAt: '2025-01-01T00:00:00.000Z', sla });
    expect(JSON.parse(calls[0].body!)).toEqual({ email: 'admin@example.com', password: 'pw' });
    expect(calls[0].headers.authorization).toBeUndefined();
    expect(calls[1]).toMatchObject({ method: 'GET', url: 'http://api.test/api/v1/vendors' });
    expect(calls[1].headers.authorization).toBe('Bearer tok-1');
    expect(JSON.parse(calls[2].body!)).toMatchObject({ vendorId: 'v1', serviceType: 'cloud', sla });
  });

  it('accepts lists wrapped in {items}', async () => {
    const { client } = clientFor({
      'POST /api/v1/auth/login': [login],
      'GET /api/v1/contracts': [{ status: 200, body: { items: [{ id: 'c1' }] } }],
    });
    expect(await client.listContracts()).toEqual([{ id: 'c1' }]);
  });

  it('posts events as one JSON array with the ingest token', async () => {
    const { client, calls } = clientFor({ 'POST /api/v1/events': [{ status: 202, body: { accepted: 2 } }] });
    const result = await client.sendEvents([JSON.stringify({ id: 'a' }), JSON.stringify({ id: 'b' })]);
    expect(result).toEqual({ ok: true, accepted: 2 });
    expect(calls[0].headers.authorization).toBe('Bearer ingest-secret');
    expect(calls[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(calls[0].body!)).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('waits with growing delays while the API is down or failing, then succeeds', async () => {
    const { client, calls, delays, logs } = clientFor({
      'POST /api/v1/events': [
        networkDown(),
        networkDown(),
        { status: 503, body: 'starting' },
        { status: 502 },
        { status: 202, body: { accepted: 1 } },
      ],
    });
    expect(await client.sendEvents(['{}'])).toEqual({ ok: true, accepted: 1 });
    expect(calls).toHaveLength(5);
    expect(delays).toEqual([75, 150, 300, 600]);
    expect(logs[0]).toContain('ECONNREFUSED');
    expect(logs[2]).toContain('503');
  });

  it('returns a 4xx on events without retrying, with the body', async () => {
    const { client, calls } = clientFor({ 'POST /api/v1/events': [{ status: 400, body: { errors: ['event 0: time: Invalid'] } }] });
    const result = await client.sendEvents(['{}']);
    expect(result).toEqual({ ok: false, status: 400, body: JSON.stringify({ errors: ['event 0: time: Invalid'] }) });
    expect(calls).toHaveLength(1);
  });

  it('signs in again once when the access token is rejected', async () => {
    const { client, calls } = clientFor({
      'POST /api/v1/auth/login': [login, { status: 200, body: { accessToken: 'tok-2' } }],
      'GET /api/v1/vendors': [
        { status: 401, body: 'expired' },
        { status: 200, body: [] },
      ],
    });
    await client.login();
    expect(await client.listVendors()).toEqual([]);
    expect(calls.map((c) => `${c.method} ${new URL(c.url).pathname} ${c.headers.authorization ?? ''}`)).toEqual([
      'POST /api/v1/auth/login ',
      'GET /api/v1/vendors Bearer tok-1',
      'POST /api/v1/auth/login ',
      'GET /api/v1/vendors Bearer tok-2',
    ]);
  });

  it('fails at once on wrong credentials', async () => {
    const { client, calls } = clientFor({ 'POST /api/v1/auth/login': [{ status: 401, body: 'bad credentials' }] });
    await expect(client.login()).rejects.toThrow(HttpError);
    expect(calls).toHaveLength(1);
  });

  it('stops retrying when aborted', async () => {
    const controller = new AbortController();
    const { client } = clientFor({ 'POST /api/v1/events': [networkDown()] }, controller.signal);
    controller.abort();
    await expect(client.sendEvents(['{}'])).rejects.toThrow(AbortedError);
  });
});

describe('backoffDelay', () => {
  it('doubles from the base up to the cap, with jitter in the upper half', () => {
    const opts = { baseMs: 500, maxMs: 30_000 };
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, { ...opts, random: () => 1 }))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(2, { ...opts, random: () => 0 })).toBe(1000);
    expect(backoffDelay(50, { ...opts, random: () => 1 })).toBe(30_000);
  });
});
