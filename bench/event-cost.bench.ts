/**
 * Per-event processing cost against the size of the stored history.
 *
 * Two fresh databases on the machine's PostgreSQL hold the same contracts with the same event
 * rate (10 events a day per contract) and so the same data in every KPI window; only the
 * history behind differs: 1 000 events per contract (100 days, 10k in all: the baseline) versus
 * 100 000 (27 years, 1M in all). Then the pipeline's per-event work — store once, refold the
 * subject, recompute the three windows, keep the snapshot — runs for the same new events on both,
 * and the ratio of the costs is reported. Kafka I/O is left out: it does not depend on history.
 *
 *   npm run bench:event-cost            (--cost-events or BENCH_COST_EVENTS: 200 new events per database)
 */
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { loadConfig } from '@rapport/config';
import {
  ContractRepository,
  ContractRow,
  EventStoreRepository,
  HistoryMarkRepository,
  PrismaService,
  ProjectionRepository,
  ProjectionVersionRepository,
  SnapshotRepository,
  SqlDatabase,
} from '@rapport/db';
import { ScorecardService } from '@rapport/scoring';
import { validateCanonicalEvent, WINDOW_NAMES } from '@rapport/contracts';
import { ProjectionService } from '../apps/pipeline/src/projection/projection.service';
import { HistoryRebuilder } from '../apps/pipeline/src/scoring/history-rebuilder.service';
import { LiveFacts } from '../apps/pipeline/src/scoring/live-facts';
import type { BenchContext } from './support/bench-context';
import { freshDatabase } from './support/database';
import { figure } from './support/figures';
import type { MeasurementResult } from './support/results';
import { STANDARD_SLA } from '../test/support/fixtures';

const CONTRACTS = 10;
/** History straight in SQL: three events and one projection row per ticket, a ticket every 7.2 h. */
async function seed(url: string, contractIds: string[], eventsPerContract: number): Promise<void> {
  const db = new Client({ connectionString: url });
  await db.connect();
  const tickets = Math.floor(eventsPerContract / 3);
  for (const c of contractIds) {
    await db.query(
      `WITH t AS (SELECT n, now() - n * interval '432 minutes' AS opened FROM generate_series(1, $2::int) n)
       INSERT INTO "StoredEvent"(source, id, type, "contractId", "subjectId", time, data)
       SELECT 'bench', $1 || '-' || n || '-' || k, 'ticket.' || k, $1::uuid, 'ticket:T' || n,
              opened + CASE k WHEN 'opened' THEN interval '0' WHEN 'responded' THEN interval '10 minutes' ELSE interval '120 minutes' END,
              CASE k WHEN 'opened' THEN jsonb_build_object('ticketId', 'T' || n, 'priority', 'P2') ELSE jsonb_build_object('ticketId', 'T' || n) END
       FROM t CROSS JOIN unnest(ARRAY['opened', 'responded', 'resolved']) k`,
      [c, tickets],
    );
    await db.query(
      `INSERT INTO "Ticket"("contractId", "ticketId", priority, "openedAt", "respondedAt", "resolvedAt", "reopenedAt", "relevantUntil", "updatedAt")
       SELECT $1::uuid, 'T' || n, 'P2', o, o + interval '10 minutes', ARRAY[o + interval '120 minutes'], '{}', o + interval '120 minutes', now()
       FROM (SELECT n, now() - n * interval '432 minutes' AS o FROM generate_series(1, $2::int) n) t`,
      [c, tickets],
    );
  }
  await db.query('ANALYZE');
  await db.end();
}

interface Bench {
  label: string;
  stored: number;
  perEventMs: number[];
  next: () => Promise<number>;
  close: () => Promise<void>;
}

/** A seeded database and a function that processes one new live event and returns its cost. */
async function prepare(adminUrl: string, label: string, eventsPerContract: number): Promise<Bench> {
  const url = await freshDatabase(adminUrl, `cost_${label}`);
  const config = loadConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '5' });
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE });
  const prisma = new PrismaService(pool);
  const sql = new SqlDatabase(pool);
  const contractsRepo = new ContractRepository(prisma, sql);
  const vendor = await prisma.vendor.create({ data: { name: `Bench ${label}` } });
  const contracts: ContractRow[] = [];
  for (let i = 0; i < CONTRACTS; i++) {
    contracts.push(
      await contractsRepo.create({
        vendorId: vendor.id,
        name: `C${i}`,
        serviceType: 'it_support',
        startsAt: new Date('2000-01-01'),
        sla: STANDARD_SLA,
      }),
    );
  }
  const seeding = Date.now();
  await seed(
    url,
    contracts.map((c) => c.id),
    eventsPerContract,
  );
  const events = new EventStoreRepository(prisma, sql);
  const stored = await events.count();
  console.log(`${label}: seeded ${stored.toLocaleString('en')} stored events in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);

  const projections = new ProjectionRepository(prisma, sql);
  const versions = new ProjectionVersionRepository(sql);
  const scorecards = new ScorecardService(projections);
  const liveFacts = new LiveFacts(sql, projections, versions);
  const snapshots = new SnapshotRepository(prisma, sql);
  const history = new HistoryRebuilder(contractsRepo, scorecards, snapshots, new HistoryMarkRepository(sql));
  const projection = new ProjectionService(sql, events, projections, versions, history);
  const run = randomUUID();
  let i = 0;
  const next = async (): Promise<number> => {
    const contract = contracts[i % CONTRACTS];
    const ticketId = `NEW-${Math.floor(i / 3)}`;
    const type = ['ticket.opened', 'ticket.responded', 'ticket.resolved'][i % 3];
    const checked = validateCanonicalEvent({
      specversion: '1.0',
      id: `${run}-${i}`,
      source: 'bench-live',
      type,
      time: new Date().toISOString(),
      contractid: contract.id,
      data: type === 'ticket.opened' ? { ticketId, priority: 'P2' } : { ticketId },
    });
    i += 1;
    if (!checked.ok) throw new Error(checked.errors.join());
    const started = performance.now();
    const { saved } = await projection.apply(new Map([[contract.id, contract]]), [checked.event]);
    // As the pipeline does: the live facts follow what was saved, then every window is evaluated.
    liveFacts.record(saved);
    const facts = (await liveFacts.of([contract])).get(contract.id)!;
    await snapshots.saveLive(
      WINDOW_NAMES.map((window) => scorecards.evaluate(contract, facts, window, facts.at, facts.ticketKpis[window])),
    );
    return performance.now() - started;
  };
  return {
    label,
    stored,
    perEventMs: [],
    next,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { mean: xs.reduce((a, b) => a + b, 0) / xs.length, p50: s[Math.floor(s.length / 2)], p95: s[Math.ceil(0.95 * s.length) - 1] };
};

export async function measureEventCost(ctx: BenchContext): Promise<MeasurementResult> {
  const adminUrl = ctx.options.databaseAdminUrl;
  const baseline = await prepare(adminUrl, '10k', 1_000);
  const large = await prepare(adminUrl, '1m', 100_000);
  try {
    // Warm both up, then alternate rounds so that machine noise hits both sides alike.
    for (let w = 0; w < 20; w++) for (const b of [baseline, large]) await b.next();
    const ROUND = 10;
    for (let done = 0; done < ctx.options.costEvents; done += ROUND) {
      for (const b of [baseline, large]) for (let k = 0; k < ROUND; k++) b.perEventMs.push(await b.next());
    }
  } finally {
    await Promise.all([baseline.close(), large.close()]);
  }
  const [small, big] = [baseline, large].map((r) => ({ stored: r.stored, events: r.perEventMs.length, ...round(stats(r.perEventMs)) }));
  return {
    figures: [
      figure(`per-event cost with ${big.stored.toLocaleString('en')} stored events (mean)`, big.meanMs, 'ms', {
        label: `with ${small.stored.toLocaleString('en')}`,
        value: small.meanMs,
        unit: 'ms',
      }),
    ],
    data: { contracts: CONTRACTS, small, large: big },
  };
}

const round = (s: { mean: number; p50: number; p95: number }) => ({
  meanMs: hundredths(s.mean),
  p50Ms: hundredths(s.p50),
  p95Ms: hundredths(s.p95),
});
const hundredths = (x: number) => Math.round(x * 100) / 100;
