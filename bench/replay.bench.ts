/**
 * Replay of N stored events (`npm run replay`: refold every projection, rebuild hourly history)
 * against a raw kafkajs consume of N messages of the same events. The event log is loaded in
 * SQL first; the raw messages are produced before the consumer starts, so only consuming is timed
 * (from joining the group to the last message parsed).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { connectRawProducer, sendEvents } from './raw/raw-producer';
import { startRawConsumerProcess } from './raw/raw-consumer-process';
import type { BenchContext } from './support/bench-context';
import { freshDatabase, withClient } from './support/database';
import { figure } from './support/figures';
import { createTopics } from './support/kafka-topics';
import { sendAll } from './support/load';
import { childProcessRunning, mib, PeakRssSampler } from './support/process-memory';
import type { MeasurementResult } from './support/results';
import { seedContracts, seedTicketEvents } from './support/seed';
import { TicketStream } from './support/ticket-events';
import { step } from './support/progress';

const RATIO_LIMIT = 2.5;
/** Events generated and produced at a time, so that a million never sit in memory at once. */
const PRODUCE_CHUNK = 50_000;

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

  const raw = await rawConsume(ctx, events);
  step(`raw kafkajs consumed ${events} in ${(raw.lastAt - raw.joinedAt) / 1000} s`);
  const replay = await runReplay(databaseUrl);
  const consumeSeconds = (raw.lastAt - raw.joinedAt) / 1000;
  return {
    figures: [
      figure(
        `replay of ${events.toLocaleString('en')} stored events`,
        replay.seconds,
        's',
        { label: `raw kafkajs consume of ${events.toLocaleString('en')}`, value: consumeSeconds, unit: 's' },
        { text: `≤ ${RATIO_LIMIT} × raw consume`, met: (f) => (f.ratio ?? Infinity) <= RATIO_LIMIT },
      ),
      figure('peak RSS of the replay', mib(replay.peakRssBytes), 'MiB', {
        label: 'raw kafkajs consumer',
        value: mib(raw.peakRssBytes),
        unit: 'MiB',
      }),
    ],
    data: {
      events,
      contracts: options.contracts,
      days: options.replayDays,
      seedSeconds,
      replay,
      rawConsume: { seconds: consumeSeconds, eventsPerSecond: Math.round(events / consumeSeconds), peakRssBytes: raw.peakRssBytes },
    },
  };
}

async function rawConsume(ctx: BenchContext, count: number) {
  const topic = `bench.raw.replay.${Date.now()}`;
  await createTopics(ctx.brokers, [topic]);
  const stream = new TicketStream(
    Array.from({ length: ctx.options.contracts }, () => randomUUID()),
    ctx.options.batch,
  );
  const producer = await connectRawProducer(ctx.brokers);
  try {
    for (let sent = 0; sent < count; sent += PRODUCE_CHUNK) {
      const chunk = stream.next(Math.min(PRODUCE_CHUNK, count - sent));
      await sendAll((batch) => sendEvents(producer, topic, batch), chunk, ctx.options.batch, ctx.options.postConcurrency);
    }
  } finally {
    await producer.disconnect();
  }
  return startRawConsumerProcess({ brokers: ctx.brokers, topic, groupId: topic, expected: count }).finished;
}

/** `npm run replay` as an operator runs it (infra/replay.sh), timed from start to exit. */
async function runReplay(databaseUrl: string): Promise<{ seconds: number; summary: string; peakRssBytes: number }> {
  const started = Date.now();
  const child = spawn('bash', ['infra/replay.sh'], { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // The node process under bash is the replay; sample its peak RSS while it lives.
  let sampler: PeakRssSampler | undefined;
  const find = setInterval(() => {
    const pid = childProcessRunning(child.pid!, 'replay.main');
    if (pid && !sampler) sampler = new PeakRssSampler(pid);
  }, 200);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(find);
  const seconds = (Date.now() - started) / 1000;
  const peakRssBytes = sampler?.stop() ?? 0;
  if (code !== 0) throw new Error(`npm run replay exited with ${code}:\n${output.slice(-2000)}`);
  return { seconds, summary: /replay: (.*)/.exec(output)?.[1] ?? output.trim(), peakRssBytes };
}
