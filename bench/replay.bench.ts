/**
 * Replay of N stored events (`npm run replay`) against a raw kafkajs consume of N messages of the
 * same events. The event log is loaded in SQL first; the raw messages are produced before the
 * consumer starts, so only consuming is timed (from joining the group to the last message parsed).
 * Two figures of the one replay process, both timed from its start: until it prints that the
 * projections and live scorecards are stored (the replay proper: the pipeline may run again), and
 * until it exits, which it does once the hourly history it marked stale is rebuilt (checked: no
 * history mark is left).
 */
import { randomUUID } from 'node:crypto';
import { produceThenConsume } from './raw/raw-kafka-run';
import type { BenchContext } from './support/bench-context';
import { freshDatabase, withClient } from './support/database';
import { figure } from './support/figures';
import { mib } from './support/process-memory';
import { LOG_DIR, NodeProcess, REPLAY_ENTRY } from './support/app-process';
import type { MeasurementResult } from './support/results';
import { seedContracts, seedTicketEvents } from './support/seed';
import { TicketStream } from './support/ticket-events';
import { step } from './support/progress';
import { READY_LINE } from '../apps/pipeline/src/replay/replay-output';

const RATIO_LIMIT = 2.5;
/** The replay is stopped if its hourly history has not caught up by then (a million events take far longer). */
const HISTORY_BUDGET_SECONDS = 300;

export async function measureReplay(ctx: BenchContext): Promise<MeasurementResult> {
  const { options } = ctx;
  const ticketsPerContract = Math.max(1, Math.round(options.replayEvents / 3 / options.contracts));
  const events = ticketsPerContract * 3 * options.contracts;
  const databaseUrl = await freshDatabase(options.databaseAdminUrl, 'replay');
  const seeding = Date.now();
  await withClient(databaseUrl, async (db) =>
    seedTicketEvents(db, await seedContracts(db, options.contracts), ticketsPerContract, options.replayDays),
  );
  const seedSeconds = (Date.now() - seeding) / 1000;
  step(`${events} events stored in ${seedSeconds} s`);

  const stream = new TicketStream(
    Array.from({ length: options.contracts }, () => randomUUID()),
    options.batch,
  );
  const raw = await produceThenConsume(ctx, events, (n) => stream.next(n));
  step(`raw kafkajs consumed ${events} in ${raw.consumeSeconds} s`);
  const replay = await runReplay(databaseUrl, options.profileDir);
  step(`replay ready after ${replay.readySeconds} s; ${replay.caughtUp ? 'history caught up' : 'stopped'} after ${replay.seconds} s`);
  return {
    figures: [
      figure(
        `replay of ${events.toLocaleString('en')} stored events (projections and live scorecards)`,
        replay.readySeconds,
        's',
        { label: `raw kafkajs consume of ${events.toLocaleString('en')}`, value: raw.consumeSeconds, unit: 's' },
        { text: `≤ ${RATIO_LIMIT} × raw consume`, met: (f) => (f.ratio ?? Infinity) <= RATIO_LIMIT },
      ),
      replay.caughtUp
        ? figure(`replay until the hourly history caught up (${replay.hourlyPoints.toLocaleString('en')} points)`, replay.seconds, 's', {
            label: `raw kafkajs consume of ${events.toLocaleString('en')}`,
            value: raw.consumeSeconds,
            unit: 's',
          })
        : figure(
            `hourly points stored when the replay was stopped after ${HISTORY_BUDGET_SECONDS} s (history NOT caught up: ${replay.marksLeft} contract(s) still marked)`,
            replay.hourlyPoints,
            'points',
          ),
      figure('peak RSS of the replay', mib(replay.peakRssBytes), 'MiB', {
        label: 'raw kafkajs consumer',
        value: mib(raw.consumerPeakRssBytes),
        unit: 'MiB',
      }),
    ],
    variant: `${events} events`,
    data: {
      events,
      contracts: options.contracts,
      days: options.replayDays,
      seedSeconds,
      replay,
      rawKafka: raw,
    },
  };
}

/**
 * What `npm run replay` runs once infra/replay.sh has checked the build (`npm run bench` built
 * it): the replay entry point of the pipeline, timed from its start to its ready line and to its
 * exit (or stopped once the history budget is spent).
 */
async function runReplay(
  databaseUrl: string,
  profileDir?: string,
): Promise<{ readySeconds: number; seconds: number; caughtUp: boolean; marksLeft: number; hourlyPoints: number; peakRssBytes: number }> {
  // The replay exits normally, so it can write a .cpuprofile (Chrome DevTools, speedscope).
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const started = Date.now();
  const replay = NodeProcess.start('replay', [...profile, REPLAY_ENTRY], { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' });
  const ready = replay.printed(READY_LINE);
  ready.catch(() => undefined); // awaited below once the process is done
  let budget: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    replay.exit().then((code) => ({ code })),
    new Promise<'over budget'>((resolve) => (budget = setTimeout(() => resolve('over budget'), HISTORY_BUDGET_SECONDS * 1000))),
  ]);
  clearTimeout(budget);
  const seconds = (Date.now() - started) / 1000;
  const peakRssBytes = await replay.stop();
  if (outcome !== 'over budget' && outcome.code !== 0) throw new Error(`the replay exited with ${outcome.code}; see ${LOG_DIR}/replay.log`);
  const readySeconds = ((await ready) - started) / 1000;
  const { marksLeft, hourlyPoints } = await withClient(databaseUrl, async (db) => {
    const { rows } = await db.query<{ marksLeft: number; hourlyPoints: number }>(
      `SELECT (SELECT count(*)::int FROM "HistoryMark") AS "marksLeft",
              (SELECT count(*)::int FROM "ScoreSnapshot" WHERE kind = 'hourly') AS "hourlyPoints"`,
    );
    return rows[0];
  });
  const caughtUp = outcome !== 'over budget';
  if (caughtUp && marksLeft) throw new Error(`the replay exited with ${marksLeft} history mark(s) left`);
  return { readySeconds, seconds, caughtUp, marksLeft, hourlyPoints, peakRssBytes };
}
