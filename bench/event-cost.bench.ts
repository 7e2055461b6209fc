/**
 * Per-event processing cost against the size of the stored history.
 *
 * Two fresh databases on the machine's PostgreSQL hold the same contracts with the same event
 * rate (10 events a day per contract) and so the same data in every KPI window; only the
 * history behind differs: 1 000 events per contract (100 days, 10k in all: the baseline) versus
 * 100 000 (27 years, 1M in all). Then the pipeline's per-event work — store once, refold the
 * subject, recompute the three windows, keep the snapshot — runs for the same new events on both,
 * and the ratio of the costs is printed. Kafka I/O is left out: it does not depend on history.
 *
 *   npm run bench:event-cost            (BENCH_EVENTS=200 new events per database by default)
 */
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { loadConfig } from '@rapport/config';
import {
  ContractRepository,
  ContractRow,
  EventStoreRepository,
  PrismaService,
  ProjectionRepository,
  SnapshotRepository,
} from '@rapport/db';
import { ScorecardService } from '@rapport/scoring';
import { validateCanonicalEvent, WINDOWS, WindowName } from '@rapport/contracts';
import { ProjectionService } from '../apps/pipeline/src/projection/projection.service';

const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const CONTRACTS = 10;
const NEW_EVENTS = Number(process.env.BENCH_EVENTS ?? 200);
const SLA = {
  P1: { firstResponseMinutes: 15, resolutionMinutes: 240 },
  P2: { firstResponseMinutes: 60, resolutionMinutes: 480 },
  P3: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
  P4: { firstResponseMinutes: 480, resolutionMinutes: 2880 },
};

async function freshDatabase(name: string): Promise<string> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  execFileSync('bash', ['infra/db/prisma.sh', 'migrate', 'deploy'], {
    stdio: 'pipe',
    env: { ...process.env, DATABASE_URL: url.toString() },
  });
  return url.toString();
}

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
async function prepare(label: string, eventsPerContract: number): Promise<Bench> {
  const url = await freshDatabase(`rapport_bench_${label}`);
  const config = loadConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '5' });
  const prisma = new PrismaService(config);
  const contractsRepo = new ContractRepository(prisma);
  const vendor = await prisma.vendor.create({ data: { name: `Bench ${label}` } });
  const contracts: ContractRow[] = [];
  for (let i = 0; i < CONTRACTS; i++) {
    contracts.push(
      await contractsRepo.create({
        vendorId: vendor.id,
        name: `C${i}`,
        serviceType: 'it_support',
        startsAt: new Date('2000-01-01'),
        sla: SLA,
      }),
    );
  }
  const seeding = Date.now();
  await seed(
    url,
    contracts.map((c) => c.id),
    eventsPerContract,
  );
  const events = new EventStoreRepository(prisma);
  const stored = await events.count();
  console.log(`${label}: seeded ${stored.toLocaleString('en')} stored events in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);

  const projections = new ProjectionRepository(prisma);
  const projection = new ProjectionService(prisma, events, projections);
  const scorecards = new ScorecardService(projections);
  const snapshots = new SnapshotRepository(prisma);
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
    await projection.apply(contract, [checked.event]);
    // As ScorecardRefresher does: load the facts of the longest window once, evaluate every window.
    const now = new Date();
    const facts = await scorecards.factsBetween(contract, now, now);
    for (const window of Object.keys(WINDOWS) as WindowName[]) await snapshots.save(scorecards.evaluate(contract, facts, window, now));
    return performance.now() - started;
  };
  return { label, stored, perEventMs: [], next, close: () => prisma.$disconnect() };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { mean: xs.reduce((a, b) => a + b, 0) / xs.length, p50: s[Math.floor(s.length / 2)], p95: s[Math.ceil(0.95 * s.length) - 1] };
};

async function main(): Promise<void> {
  const baseline = await prepare('10k', 1_000);
  const large = await prepare('1m', 100_000);
  // Warm both up, then alternate rounds so that machine noise hits both sides alike.
  for (let w = 0; w < 20; w++) for (const b of [baseline, large]) await b.next();
  const ROUND = 10;
  for (let done = 0; done < NEW_EVENTS; done += ROUND) {
    for (const b of [baseline, large]) for (let k = 0; k < ROUND; k++) b.perEventMs.push(await b.next());
  }
  await Promise.all([baseline.close(), large.close()]);
  for (const r of [baseline, large]) {
    const s = stats(r.perEventMs);
    console.log(
      `${r.label.padEnd(4)} ${r.stored.toLocaleString('en').padStart(10)} stored events: per event mean ${s.mean.toFixed(2)} ms, p50 ${s.p50.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms (${r.perEventMs.length} events)`,
    );
  }
  const ratio = stats(large.perEventMs).mean / stats(baseline.perEventMs).mean;
  console.log(`ratio 1M / 10k (mean per-event cost): ${ratio.toFixed(2)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
