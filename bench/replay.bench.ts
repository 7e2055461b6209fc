/**
 * Replay of N stored events (`npm run replay`: refold every projection, rebuild hourly history)
 * against a raw kafkajs consume of N messages of the same events. The event log is loaded in
 * SQL first; the raw messages are produced before the consumer starts, so only consuming is timed
 * (from joining the group to the last message parsed).
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

const RATIO_LIMIT = 2.5;

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
  return {
    figures: [
      figure(
        `replay of ${events.toLocaleString('en')} stored events`,
        replay.seconds,
        's',
        { label: `raw kafkajs consume of ${events.toLocaleString('en')}`, value: raw.consumeSeconds, unit: 's' },
        { text: `≤ ${RATIO_LIMIT} × raw consume`, met: (f) => (f.ratio ?? Infinity) <= RATIO_LIMIT },
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
 * it): the replay entry point of the pipeline, timed from start to exit.
 */
async function runReplay(databaseUrl: string, profileDir?: string): Promise<{ seconds: number; peakRssBytes: number }> {
  // The replay exits normally, so it can write a .cpuprofile (Chrome DevTools, speedscope).
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const started = Date.now();
  const replay = NodeProcess.start('replay', [...profile, REPLAY_ENTRY], { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' });
  const code = await replay.exit();
  const seconds = (Date.now() - started) / 1000;
  const peakRssBytes = await replay.stop();
  if (code !== 0) throw new Error(`the replay exited with ${code}; see ${LOG_DIR}/replay.log`);
  return { seconds, peakRssBytes };
}
