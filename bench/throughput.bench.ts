/**
 * Sustained end-to-end throughput against its parts, on the same events: the raw kafkajs path
 * (a producer as the API's into 6 partitions while a consumer reads them; also each half alone)
 * and raw batched INSERTs with `pg` into the event-log table; the
 * API's accept rate against the raw producer's; the peak RSS of the API and a pipeline worker
 * against the raw consumer's. The raw runs go first, on a quiet machine, then the product.
 */
import { randomUUID } from 'node:crypto';
import { insertRaw } from './raw/raw-insert';
import { produceThenConsume, produceWhileConsuming } from './raw/raw-kafka-run';
import { TicketStream } from './support/ticket-events';
import type { BenchContext } from './support/bench-context';
import { freshDatabase } from './support/database';
import { measureEndToEnd } from './support/end-to-end-run';
import { figure } from './support/figures';
import { mib } from './support/process-memory';
import type { MeasurementResult } from './support/results';
import { perSecond } from './support/stats';
import { step } from './support/progress';

const RSS_LIMIT_MIB = 512;

export async function measureThroughput(ctx: BenchContext): Promise<MeasurementResult> {
  const { options } = ctx;
  // The same generator as the product's run; only the contract ids differ (same length).
  const contracts = Array.from({ length: options.contracts }, () => randomUUID());
  const events = new TicketStream(contracts, options.batch).next(options.events);
  let offset = 0;
  const kafka = await produceThenConsume(ctx, events.length, (n) => events.slice(offset, (offset += n)));
  const through = await produceWhileConsuming(ctx, events);
  step(
    `raw kafkajs: produce → consume ${through.eventsPerSecond} events/s (alone: produce ${kafka.producedPerSecond}, consume ${kafka.consumedPerSecond})`,
  );
  const insertMs = await insertRaw(await freshDatabase(options.databaseAdminUrl, 'raw-insert'), events, options.batch);
  const insertPerSecond = perSecond(events.length, insertMs);
  step(`raw pg batched INSERT: ${insertPerSecond} events/s`);
  const run = await measureEndToEnd(ctx, 1);
  ctx.endToEnd = run;

  const rawBest = Math.min(through.eventsPerSecond, insertPerSecond);
  const rawLabel = through.eventsPerSecond <= insertPerSecond ? 'raw kafkajs produce → consume' : 'raw pg batched INSERT';
  const consumerMiB = mib(kafka.consumerPeakRssBytes);
  const rss = (label: string, bytes: number) =>
    figure(
      label,
      mib(bytes),
      'MiB',
      { label: 'raw kafkajs consumer', value: consumerMiB, unit: 'MiB' },
      { text: `≤ ${RSS_LIMIT_MIB} MiB`, met: (f) => f.value <= RSS_LIMIT_MIB },
    );
  return {
    figures: [
      figure(
        'end-to-end throughput (1 worker)',
        run.eventsPerSecond,
        'events/s',
        { label: `min(raw) = ${rawLabel}`, value: rawBest, unit: 'events/s' },
        { text: '≥ 0.5 × min(raw)', met: (f) => (f.ratio ?? 0) >= 0.5 },
      ),
      // The stricter comparison, beside it: the consumer alone reading messages already produced.
      figure('end-to-end throughput against the consuming half alone', run.eventsPerSecond, 'events/s', {
        label: 'raw kafkajs consume alone',
        value: kafka.consumedPerSecond,
        unit: 'events/s',
      }),
      figure('API accepting (202)', run.acceptedPerSecond, 'events/s', {
        label: 'raw kafkajs produce',
        value: kafka.producedPerSecond,
        unit: 'events/s',
      }),
      figure('API CPU per event while accepting', run.cpuMicrosPerEvent.apiAccepting, 'µs', {
        label: 'raw kafkajs producer',
        value: kafka.producerCpuMicrosPerEvent,
        unit: 'µs',
      }),
      figure('pipeline worker CPU per event', run.cpuMicrosPerEvent.pipelines[0], 'µs'),
      // Where the machine's time went: every part shares its cores, so each part's cost bounds the rate.
      figure('API CPU per event, first post to the end', run.cpuMicrosPerEvent.api, 'µs'),
      figure('broker CPU per event', run.cpuMicrosPerEvent.broker, 'µs'),
      figure('broker CPU at rest (before the load)', run.cpuAtRest.broker, 'ms/s'),
      figure('pipeline worker CPU at rest', run.cpuAtRest.pipelines[0], 'ms/s'),
      figure('machine CPU at rest, all cores, anything running', run.cpuAtRest.machine, 'ms/s'),
      figure('PostgreSQL backends CPU per event', run.cpuMicrosPerEvent.database, 'µs'),
      figure('load generator and socket client CPU per event', run.cpuMicrosPerEvent.loadGenerator, 'µs'),
      figure('machine CPU per event, all cores, anything running', run.cpuMicrosPerEvent.machine, 'µs'),
      rss('peak RSS of the pipeline worker', run.memory.pipelinePeakRssBytes[0]),
      rss('peak RSS of the API', run.memory.apiPeakRssBytes),
    ],
    data: {
      events: events.length,
      contracts: options.contracts,
      batch: options.batch,
      postConcurrency: options.postConcurrency,
      endToEnd: run,
      rawKafka: { ...kafka, produceWhileConsuming: through },
      rawInsert: { milliseconds: Math.round(insertMs), eventsPerSecond: insertPerSecond },
    },
  };
}
