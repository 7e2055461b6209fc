import type { ScorecardView } from '@rapport/contracts';
import { request as httpRequest } from 'node:http';
import { PrismaService } from '@rapport/db';
import { EmbeddedDatabase } from '../support/embedded-database';
import { EventFactory, HOUR, MINUTE } from '../support/fixtures';
import { RapportHarness } from '../support/rapport-harness';

const CONTRACTS = 4;
const SENDERS = 2;
const READERS = 2;
/** Pause between a reader's rounds: concurrent with the pipeline's writes, without starving it (all in one process here). */
const READ_PAUSE_MS = 50;

/**
 * `npm start`'s default database is a real PostgreSQL server started by infra/db/embedded-postgres.mjs.
 * The API and the pipeline share it with their own connection pools; reads and writes run
 * concurrently there all the time, which the former single-session embedded database could not
 * serve (queries of one connection answered on another, 500s, scores that came out wrong).
 * Here: six contracts' events ingested in small shuffled requests, some sent twice, while
 * scorecards are read in parallel; no request may fail and every score must be the hand-computed one.
 */
describe('the embedded PostgreSQL under concurrent API and pipeline load', () => {
  let database: EmbeddedDatabase;
  let rapport: RapportHarness;
  let token: string;
  const contractIds: string[] = [];
  const t0 = Date.now() - 3 * 24 * HOUR;

  beforeAll(async () => {
    database = await EmbeddedDatabase.start();
    // The apps read their configuration when they are created: point them at the embedded server, then restore.
    const machineUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = database.url;
    try {
      rapport = await RapportHarness.start();
    } finally {
      process.env.DATABASE_URL = machineUrl;
    }
    token = await rapport.adminToken();
    for (let i = 0; i < CONTRACTS; i++) contractIds.push((await rapport.createContract(token, `Embedded vendor ${i}`)).contractId);
  }, 180_000);

  afterAll(async () => {
    // The apps' shutdown is not what this suite checks: bounded, so that the database is stopped anyway.
    const stopped = await Promise.race([rapport?.stop().then(() => true), new Promise((r) => setTimeout(() => r(false), 20_000))]);
    if (!stopped) console.warn('the API and the pipeline did not close within 20 s');
    await database?.stop();
  }, 60_000);

  it('answers every request and computes the same scores as by hand', async () => {
    const perContract = contractIds.map((id) => relationship(new EventFactory(id), t0));
    const requests = chunks(shuffled(perContract.flat()), 4);
    requests.push(...requests.slice(0, 10)); // duplicates: accepted again, stored once
    const failures: string[] = [];
    let reads = 0;
    let sending = true;

    const sender = async () => {
      for (let batch = requests.shift(); batch; batch = requests.shift()) {
        const { status, body } = await send(rapport.baseUrl, 'POST', '/api/v1/events', process.env.INGEST_TOKEN!, batch);
        if (status !== 202) failures.push(`POST /api/v1/events → ${status} ${JSON.stringify(body)}`);
      }
    };
    const reader = async (n: number) => {
      while (sending) {
        const id = contractIds[reads % CONTRACTS];
        const [list, one] = await Promise.all([
          send(rapport.baseUrl, 'GET', '/api/v1/scorecards', token),
          send(rapport.baseUrl, 'GET', `/api/v1/scorecards/${id}`, token),
        ]);
        reads += 2;
        if (list.status !== 200) failures.push(`reader ${n}: GET /api/v1/scorecards → ${list.status} ${JSON.stringify(list.body)}`);
        else if (!contractIds.every((c) => (list.body as ScorecardView[]).some((s) => s.contractId === c)))
          failures.push(`reader ${n}: GET /api/v1/scorecards lacks a contract (${(list.body as ScorecardView[]).length} listed)`);
        if (one.status !== 200 || (one.body as ScorecardView).contractId !== id)
          failures.push(`reader ${n}: GET /api/v1/scorecards/${id} → ${one.status} ${JSON.stringify(one.body).slice(0, 200)}`);
        await new Promise((r) => setTimeout(r, READ_PAUSE_MS));
      }
    };

    const readers = Array.from({ length: READERS }, (_, n) => reader(n));
    let views: ScorecardView[];
    try {
      await Promise.all(Array.from({ length: SENDERS }, sender));
      // Keep reading while the pipeline works through what was sent.
      const prisma = rapport.pipeline.get(PrismaService);
      views = await waitFor(async () => {
        // Scorecards are computed on request from what is stored: read them once every event is in.
        const counts = await Promise.all(contractIds.map((contractId) => prisma.storedEvent.count({ where: { contractId } })));
        if (counts.some((n, i) => n !== perContract[i].length)) return undefined;
        const all = await Promise.all(
          contractIds.map((id) => send<ScorecardView>(rapport.baseUrl, 'GET', `/api/v1/scorecards/${id}`, token)),
        );
        return all.every((r) => r.status === 200 && complete(r.body)) ? all.map((r) => r.body) : undefined;
      });
    } finally {
      sending = false;
      await Promise.all(readers);
    }

    expect(failures).toEqual([]);
    // Every reader went round at least twice while events were sent and processed (how often
    // depends on how fast the pipeline is: reading stops once every scorecard is complete).
    expect(reads).toBeGreaterThanOrEqual(READERS * 2 * 2);
    for (const view of views) expectHandComputed(view);
    const prisma = rapport.pipeline.get(PrismaService);
    for (const [i, contractId] of contractIds.entries()) {
      expect(await prisma.storedEvent.count({ where: { contractId } })).toBe(perContract[i].length);
    }
    const ours = perContract.flat().map((e) => e.id);
    expect(await prisma.quarantinedEvent.count({ where: { eventId: { in: ours } } })).toBe(0);
  }, 240_000);
});

/** The event-path suite's relationship: 4 tickets, 3 deliverables, 3 ratings, with its hand-computed scorecard below. */
function relationship(events: EventFactory, t0: number) {
  const day = t0 + 24 * HOUR;
  const ticket = (id: string, priority: string, opened: number, steps: [string, number][]) => [
    events.event('ticket.opened', opened, { ticketId: id, priority }),
    ...steps.map(([type, minutes]) => events.event(`ticket.${type}`, opened + minutes * MINUTE, { ticketId: id })),
  ];
  const deliverable = (id: string, submitted: number, reviews: [string, number][]) => [
    events.event('deliverable.planned', t0, { deliverableId: id, dueAt: new Date(day).toISOString() }),
    events.event('deliverable.submitted', submitted, { deliverableId: id }),
    ...reviews.map(([type, at]) => events.event(`deliverable.${type}`, at, { deliverableId: id })),
  ];
  const rating = (id: string, csat: number, nps: number) => events.event('feedback.submitted', day, { feedbackId: id, csat, nps });
  return [
    ...ticket('T1', 'P1', t0, [
      ['responded', 10],
      ['resolved', 200],
    ]),
    ...ticket('T2', 'P1', t0 + HOUR, [
      ['responded', 20],
      ['resolved', 300],
    ]),
    ...ticket('T3', 'P2', t0 + 2 * HOUR, [
      ['responded', 30],
      ['resolved', 400],
    ]),
    ...ticket('T4', 'P2', t0 + 3 * HOUR, [
      ['responded', 50],
      ['resolved', 100],
      ['reopened', 150],
      ['resolved', 250],
    ]),
    ...deliverable('D1', day - 4 * HOUR, [['accepted', day - 2 * HOUR]]),
    ...deliverable('D2', day + 2 * HOUR, [
      ['rejected', day + 3 * HOUR],
      ['accepted', day + 6 * HOUR],
    ]),
    ...deliverable('D3', day - HOUR, [['accepted', day]]),
    rating('F1', 5, 10),
    rating('F2', 4, 8),
    rating('F3', 2, 3),
  ];
}

const complete = (s: ScorecardView) =>
  s.kpis.csat.samples === 3 &&
  s.kpis.onTimeDelivery.samples === 3 &&
  s.kpis.reopenRate.samples === 4 &&
  s.kpis.firstPassAcceptance.samples === 3;

/** As worked out in event-path.e2e-spec.ts (standard SLA and targets). */
function expectHandComputed(view: ScorecardView): void {
  const k = view.kpis;
  expect(k.firstResponseCompliance).toMatchObject({ value: 0.75, samples: 4, measure: 20 });
  expect(k.resolutionCompliance).toMatchObject({ value: 0.75, samples: 4, measure: 50 });
  expect(k.medianFirstResponseMinutes.value).toBe(25);
  expect(k.medianResolutionMinutes.value).toBe(250);
  expect(k.p90ResolutionMinutes.value).toBe(400);
  expect(k.reopenRate).toMatchObject({ value: 0.25, samples: 4, measure: 20 });
  expect(k.onTimeDelivery.value).toBeCloseTo(2 / 3, 4);
  expect(k.firstPassAcceptance.measure).toBeCloseTo(47.62, 2);
  expect(k.csat.measure).toBeCloseTo(22.22, 2);
  expect(k.nps).toMatchObject({ value: 0, measure: expect.closeTo(28.57, 2) });
  expect(view.score).toBeCloseTo(32.01, 2);
  expect(view.band).toBe('critical');
}

/**
 * One request on its own connection: a pooled keep-alive connection that the server closes just
 * as a request goes out fails in the client ("fetch failed"), which says nothing about the server.
 */
function send<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve) => {
    const req = httpRequest(
      baseUrl + path,
      {
        method,
        agent: false,
        headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: (text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text) as T }),
        );
      },
    );
    req.on('error', (error) => resolve({ status: 0, body: `${error.message} (${(error as NodeJS.ErrnoException).code})` as T }));
    req.end(payload);
  });
}

/** A fixed shuffle (the same order on every run), so that contracts and kinds interleave. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  let seed = 7;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('the pipeline did not finish in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}
