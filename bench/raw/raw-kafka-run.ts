import type { BenchContext } from '../support/bench-context';
import { createTopics } from '../support/kafka-topics';
import { sendAll } from '../support/load';
import { perSecond } from '../support/stats';
import type { BenchEvent } from '../support/ticket-events';
import { startRawConsumerProcess } from './raw-consumer-process';
import { connectRawProducer, sendEvents } from './raw-producer';

export interface RawKafkaRun {
  events: number;
  producedPerSecond: number;
  /** CPU time of the producing process (this one) per event while it sends. */
  producerCpuMicrosPerEvent: number;
  /** From joining the group to the last message parsed. */
  consumeSeconds: number;
  consumedPerSecond: number;
  consumerPeakRssBytes: number;
}

/** Events generated and produced at a time, so that a million never sit in memory at once. */
const CHUNK = 50_000;

/**
 * The raw Kafka baseline of `count` events: produced into a fresh 6-partition topic as the API
 * does (batches, several sends in flight, acks from all replicas), then consumed by the raw
 * consumer in a process of its own. Each half is timed alone, so each shows its own capacity.
 */
export async function produceThenConsume(ctx: BenchContext, count: number, next: (n: number) => BenchEvent[]): Promise<RawKafkaRun> {
  const { options } = ctx;
  const topic = `bench.raw.${Date.now()}`;
  await createTopics(ctx.brokers, [topic]);
  const producer = await connectRawProducer(ctx.brokers);
  let produceMs = 0;
  let produceCpuMicros = 0;
  try {
    for (let sent = 0; sent < count; sent += CHUNK) {
      const chunk = next(Math.min(CHUNK, count - sent));
      const started = performance.now();
      const cpu = process.cpuUsage();
      await sendAll((batch) => sendEvents(producer, topic, batch), chunk, options.batch, options.postConcurrency);
      produceMs += performance.now() - started;
      const used = process.cpuUsage(cpu);
      produceCpuMicros += used.user + used.system;
    }
  } finally {
    await producer.disconnect();
  }
  const consumed = await startRawConsumerProcess({ brokers: ctx.brokers, topic, groupId: topic, expected: count }).finished;
  const consumeMs = consumed.lastAt - consumed.joinedAt;
  return {
    events: count,
    producedPerSecond: perSecond(count, produceMs),
    producerCpuMicrosPerEvent: Math.round(produceCpuMicros / count),
    consumeSeconds: consumeMs / 1000,
    consumedPerSecond: perSecond(count, consumeMs),
    consumerPeakRssBytes: consumed.peakRssBytes,
  };
}

/**
 * The same events' way through Kafka as the product's take it, both halves at once: a raw consumer
 * already reading (it got a first message), then the producer sends the rest as the API does;
 * timed from the first of those sends to the last message consumed. This is the raw Kafka path
 * an end-to-end run is set against: the product, too, produces and consumes at the same time.
 */
export async function produceWhileConsuming(ctx: BenchContext, events: BenchEvent[]): Promise<{ events: number; eventsPerSecond: number }> {
  const { options } = ctx;
  const topic = `bench.raw.through.${Date.now()}`;
  await createTopics(ctx.brokers, [topic]);
  const consumer = startRawConsumerProcess({ brokers: ctx.brokers, topic, groupId: topic, expected: events.length });
  const producer = await connectRawProducer(ctx.brokers);
  const [first, ...rest] = events;
  let startedAt: number;
  try {
    await sendEvents(producer, topic, [first]);
    await consumer.reading;
    startedAt = Date.now();
    await sendAll((batch) => sendEvents(producer, topic, batch), rest, options.batch, options.postConcurrency);
  } finally {
    await producer.disconnect();
  }
  const consumed = await consumer.finished;
  return { events: rest.length, eventsPerSecond: perSecond(rest.length, consumed.lastAt - startedAt) };
}
