import { SupervisedConsumer } from '../../libs/kafka/src/supervised-consumer';
import { randomUUID } from 'node:crypto';
import { Admin, Kafka, logLevel, Producer } from 'kafkajs';
import { sleep } from '../support/fault-tools';
import { eventually } from '../support/webhook-client';

const INTERVAL_MS = 8_000;

/**
 * How often a consumer that commits on its own tells the broker where it is: after every batch by
 * default, and at most once per `commitIntervalMs` when it says so (the API's update consumer and
 * the alert mails, which read a message per scorecard push). Against the real broker: the group's
 * committed offset is read back from it.
 */
describe('SupervisedConsumer commits', () => {
  const kafka = new Kafka({ brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING });
  let admin: Admin;
  let producer: Producer;
  const consumers: SupervisedConsumer[] = [];

  beforeAll(async () => {
    admin = kafka.admin();
    producer = kafka.producer();
    await Promise.all([admin.connect(), producer.connect()]);
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await Promise.all([admin?.disconnect(), producer?.disconnect()]);
  });

  /** A consumer of a topic of its own: `send` one message and wait until it is handled; `committed`, the group's offset. */
  async function consumerOf(commitIntervalMs?: number) {
    const topic = `test.commits.${randomUUID()}`;
    const groupId = `test.commits.${randomUUID()}`;
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] });
    let consumed = 0;
    const consumer = new SupervisedConsumer(
      kafka,
      groupId,
      {
        group: groupId,
        topic,
        commitIntervalMs,
        eachBatch: async ({ batch, resolveOffset }) => {
          for (const message of batch.messages) {
            resolveOffset(message.offset);
            consumed++;
          }
        },
      },
      async () => undefined,
    );
    consumers.push(consumer);
    consumer.start();
    const committed = async (): Promise<number> => {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return Number(offsets.partitions[0].offset);
    };
    /** Sends one message and resolves once the consumer has handled it. */
    const send = async () => {
      const before = consumed;
      await producer.send({ topic, messages: [{ value: 'x' }] });
      await eventually(
        async () => consumed,
        (n) => expect(n).toBeGreaterThan(before),
      );
    };
    return { send, committed };
  }

  it('commits after every batch by default', async () => {
    const { send, committed } = await consumerOf();
    await send();
    await eventually(committed, (offset) => expect(offset).toBe(1));
    await send();
    await eventually(committed, (offset) => expect(offset).toBe(2));
  });

  it('commits at most once per interval when given one: what came within it is committed with the first batch after it', async () => {
    const { send, committed } = await consumerOf(INTERVAL_MS);
    await send();
    const firstHandledAt = Date.now();
    await sleep(500);
    expect(await committed()).toBe(-1); // nothing committed yet: the interval began when the group was joined

    await sleep(Math.max(0, firstHandledAt + INTERVAL_MS - Date.now()));
    await send();
    await eventually(committed, (offset) => expect(offset).toBe(2));

    await send();
    await sleep(500);
    expect(await committed()).toBe(2); // within the next interval
  });
});
