import { Logger } from '@nestjs/common';
import { errorCause } from '@rapport/contracts';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { CoalescedCommits } from './coalesced-commits';

export interface ConsumerOptions {
  /** Suffix of the consumer group id (the configured prefix comes first). */
  group: string;
  topic: string;
  fromBeginning?: boolean;
  /** Partitions handled at once by this consumer (each in order). */
  concurrency?: number;
  /** False: offsets are committed only by the handler, which may do it after the batch (default true). */
  autoCommit?: boolean;
  /**
   * Offsets resolved are committed after a batch at most this often (default: after every batch;
   * ignored with `autoCommit` false). Each commit is a request the broker writes to its offsets log:
   * a consumer of a topic that gets a message every few milliseconds committed as often. A restart
   * then reads again what came since the last commit (up to this interval, or the batches after it
   * while nothing more arrived): only for a consumer that takes a message twice in its stride.
   */
  commitIntervalMs?: number;
  /**
   * A fetch is answered once this much is there or `maxWaitMs` passed (default: 1 byte, 500 ms):
   * a consumer that may lag by that wait asks a few times a second instead of once per message.
   */
  fetch?: { minBytes: number; maxWaitMs: number };
  eachBatch: (payload: EachBatchPayload, membership: BatchMembership) => Promise<void>;
}

/** What a batch's handler may do after it returns, within the membership the batch was read in. */
export interface BatchMembership {
  /** Changes whenever the group rebalances or the consumer starts again. */
  generation: number;
  /**
   * Hands over work that outlives the batch (a deferred commit): stopping waits for it. If it
   * fails, the consumer starts again and reads every partition from its committed offset.
   */
  later(work: Promise<void>): void;
  /**
   * Commits a partition's offset, unless the group rebalanced or the consumer started again
   * since the batch was read: the partition may be another member's now, and a late commit would
   * move its offset back. Whatever is not committed is read again. True when committed.
   */
  commit(partition: number, offset: string): Promise<boolean>;
}

export interface ConsumerStatus {
  group: string;
  running: boolean;
  assignedPartitions: number;
  lastBatchAt: Date | null;
  /** This consumer's id in its group while it is a member. */
  memberId: string | null;
}

const MAX_BACKOFF_MS = 30_000;
const STOP_TIMEOUT_MS = 3_000;
/** How long a graceful stop lets the batches in hand and their deferred commits finish. */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * A consumer that keeps consuming whatever happens: it waits for a broker that is not there
 * yet, and when kafkajs gives up on it (a crash it will not restart itself) it starts a new
 * one, with backoff. It never commits on its own: the handler resolves offsets once stored.
 */
export class SupervisedConsumer {
  private readonly logger: Logger;
  private consumer?: Consumer;
  private stopped = false;
  private failures = 0;
  private retryTimer?: NodeJS.Timeout;
  private status: ConsumerStatus;
  /** Batches being handled now, and work they left behind: stop() lets them finish before the database closes behind them. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Counts rebalances and restarts: a deferred commit made under an older one is skipped. */
  private generation = 0;
  private readonly commits: CoalescedCommits;

  constructor(
    private readonly kafka: Kafka,
    readonly groupId: string,
    private readonly options: ConsumerOptions,
    private readonly prepare: () => Promise<void>,
  ) {
    this.logger = new Logger(`Consumer ${options.group}`);
    this.commits = new CoalescedCommits(options.topic);
    this.status = { group: groupId, running: false, assignedPartitions: 0, lastBatchAt: null, memberId: null };
  }

  get state(): ConsumerStatus {
    return { ...this.status };
  }

  start(): void {
    void this.run();
  }

  private async run(): Promise<void> {
    if (this.stopped) return;
    // A fetch returns as soon as a message is there (fetch.min.bytes 1): the wait only bounds how
    // often an idle consumer asks, which at 50 ms cost the broker about a tenth of a core at rest.
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      minBytes: this.options.fetch?.minBytes ?? 1,
      maxWaitTimeInMs: this.options.fetch?.maxWaitMs ?? 500,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
    });
    this.consumer = consumer;
    this.generation++;
    consumer.on(consumer.events.REBALANCING, () => this.generation++);
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.generation++;
      this.status.assignedPartitions = Object.values(payload.memberAssignment).reduce((n, p) => n + p.length, 0);
      this.status.running = true;
      this.status.memberId = payload.memberId;
      this.failures = 0;
    });
    consumer.on(consumer.events.END_BATCH_PROCESS, () => {
      this.status.lastBatchAt = new Date();
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.generation++;
      this.status.running = false;
      this.status.assignedPartitions = 0;
      this.status.memberId = null;
      if (!payload.restart) this.retryLater(consumer, payload.error);
    });
    try {
      await this.prepare();
      await consumer.connect();
      await consumer.subscribe({ topic: this.options.topic, fromBeginning: this.options.fromBeginning ?? true });
      await consumer.run({
        // kafkajs commits after every batch when it commits on its own, whatever its interval says:
        // with an interval the consumer commits instead, once the interval has passed.
        autoCommit: (this.options.autoCommit ?? true) && !this.commitsOnInterval,
        autoCommitInterval: this.options.commitIntervalMs ?? null,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.concurrency ?? 1,
        eachBatch: (payload) => this.track(this.handle(payload, this.membership(consumer, payload))),
      });
    } catch (error) {
      this.retryLater(consumer, error);
    }
  }

  private async handle(payload: EachBatchPayload, membership: BatchMembership): Promise<void> {
    await this.options.eachBatch(payload, membership);
    if (this.commitsOnInterval) await payload.commitOffsetsIfNecessary();
  }

  /** Offsets resolved are committed here, once per `commitIntervalMs`, rather than by kafkajs or by the handler alone. */
  private get commitsOnInterval(): boolean {
    return (this.options.autoCommit ?? true) && this.options.commitIntervalMs !== undefined;
  }

  private membership(consumer: Consumer, payload: EachBatchPayload): BatchMembership {
    const generation = this.generation;
    return {
      generation,
      later: (work) => void this.track(work).catch((error: unknown) => this.retryLater(consumer, error)),
      commit: async (partition, offset) => {
        if (generation !== this.generation) {
          this.logger.warn(`offset ${offset} of partition ${partition} not committed: the group changed since it was read`);
          return false;
        }
        try {
          await this.commits.commit(generation, payload.commitOffsetsIfNecessary, partition, offset);
          return true;
        } catch (error) {
          // The partition moved to another worker meanwhile: it reads the batch again.
          this.logger.warn(`offset ${offset} of partition ${partition} not committed: ${(error as Error).message}`);
          return false;
        }
      },
    };
  }

  private retryLater(consumer: Consumer, error: unknown): void {
    if (this.stopped || this.consumer !== consumer) return;
    this.consumer = undefined;
    this.generation++;
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.failures++);
    this.logger.warn(`consumer stopped (${errorCause(error)}); starting a new one in ${delay / 1000} s`);
    void withTimeout(consumer.disconnect(), STOP_TIMEOUT_MS);
    this.retryTimer = setTimeout(() => void this.run(), delay);
  }

  private async track(batch: Promise<void>): Promise<void> {
    this.inFlight.add(batch);
    try {
      await batch;
    } finally {
      this.inFlight.delete(batch);
    }
  }

  /**
   * Stops fetching but stays in the group while the batches in hand and their deferred commits
   * finish (a commit needs the membership), for at most DRAIN_TIMEOUT_MS, then leaves the group,
   * never waiting longer than a few seconds for that (the broker may be gone already).
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.status.running = false;
    const consumer = this.consumer;
    try {
      consumer?.pause([{ topic: this.options.topic }]);
    } catch {
      // Not running yet: there is nothing in hand either.
    }
    await withTimeout(this.drained(), DRAIN_TIMEOUT_MS);
    if (consumer) await withTimeout(consumer.disconnect(), STOP_TIMEOUT_MS);
  }

  /** Settles once nothing is in hand, including work handed over while waiting. */
  private async drained(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }
}

export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([work.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
