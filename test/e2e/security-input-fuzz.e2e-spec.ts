import fc from 'fast-check';
import { RapportHarness } from '../support/rapport-harness';
import { enumerateRoutes, RouteInfo } from '../support/security-routes';
import { buildWorld, World } from '../support/security-world';

/**
 * Every input a client controls is bounded and answered with 4xx, never 5xx (issue 14,
 * finding 5): the review's three cases, then arbitrary query strings, path parameters and JSON
 * bodies thrown by fast-check at every route the running application answers.
 */
describe('no 5xx from client input', () => {
  let rapport: RapportHarness;
  let world: World;
  let routes: RouteInfo[];
  const saved = process.env.LOG_LEVEL;
  const CALLABLE = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'fatal';
    rapport = await RapportHarness.start();
    world = await buildWorld(rapport);
    routes = enumerateRoutes(rapport.api).filter((r) => CALLABLE.has(r.method) && r.path !== '/{*path}' && !r.path.startsWith('/api/docs'));
  });

  afterAll(async () => {
    await rapport?.stop();
    process.env.LOG_LEVEL = saved;
  });

  it('answers the three inputs of the review with 400', async () => {
    // Written out by hand: JSON.stringify itself recurses and would overflow here.
    const deep = `${'{"d":'.repeat(100_000)}"x"${'}'.repeat(100_000)}`;
    const nested = await rapport.request<{ message: string }>('POST', '/api/v1/events', {
      token: process.env.INGEST_TOKEN,
      raw: `[{"specversion":"1.0","id":"deep","data":${deep}}]`,
    });
    expect(nested).toEqual({ status: 400, body: { statusCode: 400, message: 'the body nests deeper than 32 levels' } });
    const [a] = world.tenants;
    const ancient = await rapport.request('GET', `/api/v1/scorecards/${a.contractId}?at=0001-01-01T00:00:00Z`, {
      token: world.admin.token,
    });
    expect(ancient.status).toBe(400);
    const huge = await rapport.request('GET', '/api/v1/audit-log?before=9999999999999999999', { token: world.admin.token });
    expect(huge.status).toBe(400);
    // The edges of the ranges are still served.
    expect(
      (await rapport.request('GET', `/api/v1/scorecards/${a.contractId}?at=1970-01-01T00:00:00Z`, { token: world.admin.token })).status,
    ).toBe(200);
    expect((await rapport.request('GET', '/api/v1/audit-log?before=9223372036854775807', { token: world.admin.token })).status).toBe(200);
  });

  // Values that have broken parsers before: extremes of dates and numbers, odd text, nesting.
  const edgeText = fc.constantFrom(
    '0001-01-01T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '1969-12-31T23:59:59Z',
    '-1',
    '0',
    '1e308',
    'NaN',
    'Infinity',
    '9999999999999999999',
    '99999999999999999999999',
    '00000000-0000-0000-0000-000000000000',
    '\u0000',
    '\uD800',
    '%',
    '[]',
    '{}',
    'true',
    '',
  );
  const text = fc.oneof(edgeText, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));
  const queryKey = fc.oneof(
    fc.constantFrom('at', 'before', 'limit', 'days', 'window', 'action', 'actorId', 'id', '__proto__'),
    fc.string({ maxLength: 10 }),
  );
  const query = fc.array(fc.tuple(queryKey, text), { maxLength: 5 });
  const jsonValue = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      text,
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(
        fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.constantFrom(
            'startsAt',
            'endsAt',
            'email',
            'password',
            'role',
            'vendorId',
            'contractIds',
            'sla',
            'targets',
            'weights',
            'calendar',
            'name',
            'time',
            'contractid',
            'data',
          ),
        ),
        tie('value'),
        { maxKeys: 6 },
      ),
    ),
  })).value;
  const body = fc.oneof(
    jsonValue,
    fc.string({ maxLength: 60 }).map((raw) => ({ raw })),
  );

  it('never answers 5xx to arbitrary query strings, path parameters and bodies on any route', async () => {
    const failures: string[] = [];
    const tokens = () => ({ admin: world.admin.token, vendor: world.tenants[0].token, ingest: process.env.INGEST_TOKEN!, none: undefined });
    await fc
      .assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: routes.length - 1 }),
          fc.constantFrom('admin', 'vendor', 'ingest', 'none') as fc.Arbitrary<'admin' | 'vendor' | 'ingest' | 'none'>,
          query,
          body,
          fc.array(text, { minLength: 3, maxLength: 3 }),
          async (index, who, pairs, payload, params) => {
            const route = routes[index];
            let n = 0;
            const path = route.path.replace(/:(\w+)/g, () => encodeURIComponent((params[n++ % params.length] || 'x').toWellFormed()));
            const search = new URLSearchParams(pairs).toString();
            const url = `${path}${search ? `?${search}` : ''}`;
            const sendsBody = route.method !== 'GET' && route.method !== 'DELETE';
            const raw =
              payload !== null && typeof payload === 'object' && 'raw' in payload && typeof payload.raw === 'string'
                ? payload.raw
                : undefined;
            const res = await rapport.request(route.method, url, {
              token: tokens()[who],
              ...(sendsBody ? (raw !== undefined ? { raw } : { body: payload }) : {}),
            });
            if (res.status >= 500)
              failures.push(
                `${route.method} ${url} as ${who} with ${JSON.stringify(payload).slice(0, 200)} → ${res.status} ${JSON.stringify(res.body)}`,
              );
            return res.status < 500;
          },
        ),
        { numRuns: 800, seed: 14, endOnFailure: true },
      )
      .catch((error: Error) => {
        throw new Error(`${failures.join('\n')}\n${error.message}`);
      });
    expect(failures).toEqual([]);
    console.log(`input fuzz: 800 requests over ${routes.length} routes, no 5xx`);
  });
});
