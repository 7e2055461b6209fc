import type { KafkaMessage } from 'kafkajs';
import { kafkaClient } from '../support/kafka-topics';

export interface RawConsumeOptions {
  brokers: string;
  topic: string;
  groupId: string;
  /** Stop once this many messages arrived, or when `signal` aborts. */
  expected: number;
  signal?: AbortSignal;
}

export interface RawConsumeResult {
  count: number;
  /** Epoch ms: group joined, first and last message parsed. */
  joinedAt: number;
  firstAt: number;
  lastAt: number;
}

/**
 * The baseline consumer: kafkajs with the product's consumer settings, reading from the start
 * of the topic and parsing every value as JSON (the least a consumer of these events does).
 */
export async function consumeRaw(
  options: RawConsumeOptions,
  hooks: { onJoin?: () => void; onMessage?: (value: unknown, message: KafkaMessage) => void } = {},
): Promise<RawConsumeResult> {
  const consumer = kafkaClient(options.brokers, 'bench-raw-consumer').consumer({
    groupId: options.groupId,
    maxWaitTimeInMs: 500,
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
  });
  const result: RawConsumeResult = { count: 0, joinedAt: 0, firstAt: 0, lastAt: 0 };
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  options.signal?.addEventListener('abort', () => done());
  consumer.on(consumer.events.GROUP_JOIN, () => {
    result.joinedAt ||= Date.now();
    hooks.onJoin?.();
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: options.topic, fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          const value: unknown = JSON.parse(message.value?.toString() ?? 'null');
          hooks.onMessage?.(value, message);
        }
        result.firstAt ||= Date.now();
        result.count += batch.messages.length;
        result.lastAt = Date.now();
        if (result.count >= options.expected) done();
      },
    });
    await finished;
  } finally {
    await consumer.disconnect();
  }
  return result;
}
