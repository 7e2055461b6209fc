import { SupervisedConsumer } from '../../libs/kafka/src/supervised-consumer';
import { randomUUID } from 'node:crypto';
import { Admin, Kafka, logLevel, Producer } from 'kafkajs';

const INTERVAL_MS = 8_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

  /** A consumer of a topic of its own; `consumed()` says how many messages it has handled. */
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
      await until(() => consumed > before);
    };
    return { send, committed };
  }

  async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await sleep(100);
    }
  }

  it('commits after every batch by default', async () => {
    const { send, committed } = await consumerOf();
    await send();
    await until(async () => (await committed()) === 1);
    await send();
    await until(async () => (await committed()) === 2);
  });

  it('commits at most once per interval when given one: what came within it is committed with the first batch after it', async () => {
    const { send, committed } = await consumerOf(INTERVAL_MS);
    await send();
    const firstHandledAt = Date.now();
    await sleep(500);
    expect(await committed()).toBe(-1); // nothing committed yet: the interval began when the group was joined

    await sleep(Math.max(0, firstHandledAt + INTERVAL_MS - Date.now()));
    await send();
    await until(async () => (await committed()) === 2);

    await send();
    await sleep(500);
    expect(await committed()).toBe(2); // within the next interval
  });
});
