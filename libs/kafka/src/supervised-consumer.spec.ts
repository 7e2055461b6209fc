import type { Batch, Consumer, ConsumerRunConfig, EachBatchPayload, Kafka } from 'kafkajs';
import { BatchMembership, SupervisedConsumer } from './supervised-consumer';

const EVENTS = { GROUP_JOIN: 'join', REBALANCING: 'rebalancing', CRASH: 'crash', END_BATCH_PROCESS: 'end' } as const;

/** Stands in for a kafkajs consumer: the test emits its events and hands it batches; it records what it is asked to do. */
class FakeConsumer {
  readonly events = EVENTS;
  readonly calls: string[] = [];
  readonly commits: string[] = [];
  private readonly handlers = new Map<string, (e: { payload: unknown }) => void>();
  private eachBatch?: ConsumerRunConfig['eachBatch'];

  on(event: string, handler: (e: { payload: unknown }) => void): void {
    this.handlers.set(event, handler);
  }
  emit(event: string, payload: unknown = {}): void {
    this.handlers.get(event)?.({ payload });
  }
  async connect(): Promise<void> {}
  async subscribe(): Promise<void> {}
  async run(config: ConsumerRunConfig): Promise<void> {
    this.eachBatch = config.eachBatch;
  }
  pause(): void {
    this.calls.push('pause');
  }
  async disconnect(): Promise<void> {
    this.calls.push('disconnect');
  }

  join(): void {
    this.emit(EVENTS.GROUP_JOIN, { memberId: 'm', memberAssignment: { t: [0, 1] } });
  }

  /** Hands a batch of partition `partition` to the handler. */
  deliver(partition: number): Promise<void> {
    const payload = {
      batch: { topic: 't', partition, messages: [] } as unknown as Batch,
      commitOffsetsIfNecessary: async (offsets: { topics: { partitions: { partition: number; offset: string }[] }[] }) => {
        const [{ partition: p, offset }] = offsets.topics[0].partitions;
        this.commits.push(`${p}@${offset}`);
      },
    } as unknown as EachBatchPayload;
    return this.eachBatch!(payload);
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('SupervisedConsumer', () => {
  let consumers: FakeConsumer[];
  let memberships: BatchMembership[];
  let supervised: SupervisedConsumer;

  beforeEach(async () => {
    consumers = [];
    memberships = [];
    const kafka = {
      consumer: () => {
        consumers.push(new FakeConsumer());
        return consumers.at(-1) as unknown as Consumer;
      },
    } as unknown as Kafka;
    supervised = new SupervisedConsumer(
      kafka,
      'g',
      { group: 'g', topic: 't', eachBatch: async (_payload, membership) => void memberships.push(membership) },
      async () => undefined,
    );
    supervised.start();
    await settle();
    consumers[0].join();
  });

  afterEach(() => supervised.stop());

  it('commits a batch read in the current membership', async () => {
    await consumers[0].deliver(0);
    expect(await memberships[0].commit(0, '42')).toBe(true);
    expect(consumers[0].commits).toEqual(['0@42']);
  });

  it('skips a deferred commit made after the group rebalanced, whether or not the partition stayed', async () => {
    await consumers[0].deliver(0);
    await consumers[0].deliver(1);
    consumers[0].emit(EVENTS.REBALANCING);
    // Before the new assignment: the old generation's offsets must not reach the broker.
    expect(await memberships[0].commit(0, '42')).toBe(false);
    consumers[0].join();
    expect(await memberships[1].commit(1, '7')).toBe(false);
    await consumers[0].deliver(1);
    expect(await memberships[2].commit(1, '7')).toBe(true);
    expect(consumers[0].commits).toEqual(['1@7']);
    expect(memberships[2].generation).toBeGreaterThan(memberships[1].generation);
  });

  it('starts a new consumer when deferred work fails, and skips the old membership’s commits', async () => {
    await consumers[0].deliver(0);
    memberships[0].later(Promise.reject(new Error('database out of reach')));
    await settle();
    expect(consumers[0].calls).toEqual(['disconnect']);
    expect(await memberships[0].commit(0, '42')).toBe(false);
    expect(consumers[0].commits).toEqual([]);
  });

  it('stops fetching, lets deferred commits finish, and only then leaves the group', async () => {
    await consumers[0].deliver(0);
    let release!: () => void;
    const scored = new Promise<void>((resolve) => (release = resolve));
    memberships[0].later(scored.then(() => memberships[0].commit(0, '42')).then(() => undefined));

    const stopped = supervised.stop();
    await settle();
    expect(consumers[0].calls).toEqual(['pause']);
    release();
    await stopped;
    expect(consumers[0].commits).toEqual(['0@42']);
    expect(consumers[0].calls).toEqual(['pause', 'disconnect']);
  });
});
