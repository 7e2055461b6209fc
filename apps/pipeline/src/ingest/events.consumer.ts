import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { errorCause, PIPELINE_GROUP, TOPICS } from '@rapport/contracts';
import { BatchMembership, KafkaService } from '@rapport/kafka';
import type { EachBatchPayload } from 'kafkajs';
import { DeadLetterService } from './dead-letter.service';
import { Delivered, EventProcessor, Processed } from './event-processor.service';
import { readRecords } from './event-records';
import { MergedRuns } from './merged-runs';

/** More partitions than a topic here has: kafkajs hands over the batches of one fetch all at once, and they are stored as one. */
const EVERY_PARTITION = 64;
/**
 * Events read ahead of a lane's store at most: a few fetches while the stores keep up, so that an
 * event waits for the store in progress and not for one more; beyond it, the next fetch waits.
 */
const MAX_EVENTS_READ_AHEAD = 5_000;
/**
 * Stores in flight at once, each lane storing its own partitions' batches (partition mod lanes) one
 * store at a time. A store alternates between this process (decoding, folding) and PostgreSQL (its
 * statements): with one lane each side waits for the other, with two one lane's statements run
 * while the other's batch is folded. A contract's events all go to one partition (they are keyed by
 * contract), so two lanes never store the same contract at once.
 */
const STORE_LANES = 2;

/**
 * Thin edge: decodes and validates a batch, dead-letters what is invalid, hands the rest to the
 * processor together with its lane's other partitions' batches of the same fetch, reads on while they
 * wait and are stored (up to a bound), and commits the batch only once all of it is stored or
 * quarantined and scored.
 */
@Injectable()
export class EventsConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger(EventsConsumer.name);
  /** Per partition, its latest deferred commit, within one membership of the group. */
  private readonly commits = new Map<number, Promise<void>>();
  private generation = -1;
  private readonly lanes: MergedRuns<Delivered, Processed>[];

  constructor(
    private readonly kafka: KafkaService,
    private readonly processor: EventProcessor,
    private readonly deadLetters: DeadLetterService,
  ) {
    this.lanes = Array.from(
      { length: STORE_LANES },
      () =>
        new MergedRuns<Delivered, Processed>((delivered, heartbeat) => this.processor.process(delivered, heartbeat), MAX_EVENTS_READ_AHEAD),
    );
  }

  onApplicationBootstrap(): void {
    this.kafka.consume({
      group: PIPELINE_GROUP,
      topic: TOPICS.events,
      concurrency: EVERY_PARTITION,
      autoCommit: false,
      eachBatch: (payload, membership) => this.handle(payload, membership),
    });
    this.logger.log(`consuming ${TOPICS.events}`);
  }

  private async handle(
    { batch, resolveOffset, heartbeat }: EachBatchPayload,
    { generation, later, commit }: BatchMembership,
  ): Promise<void> {
    const last = batch.messages.at(-1);
    if (!last) return;
    // The closures below wait for scoring: they hold these, not the batch and its messages.
    const { partition } = batch;
    const nextOffset = String(Number(last.offset) + 1);
    const { valid, rejected } = readRecords(batch);
    await this.deadLetters.reject(rejected);
    const { admitted, result } = this.lanes[partition % STORE_LANES].run(valid, heartbeat);
    const scored = result.then(
      ({ scored }) => scored,
      (error: unknown) => {
        // Only a database out of reach gets here: the batch is not committed, and it is read again.
        this.logger.warn(`batch of partition ${partition} not stored (${errorCause(error)}); it will be read again`);
        throw error;
      },
    );
    // Once admitted, the next fetch may go out: the offset is committed only once this batch is
    // stored and scored, so a crash or a failed store before that delivers it again (the consumer
    // starts again from the committed offsets; its contracts are then scored again).
    await admitted;
    resolveOffset(last.offset);
    if (generation !== this.generation) {
      this.commits.clear();
      this.generation = generation;
    }
    // After the partition's previous commit: a batch scored sooner never commits past one still
    // waiting. Both are awaited together, so that this batch's failure is heard even when an
    // earlier batch of the partition failed first (read ahead, several may be in flight).
    const committed = Promise.all([this.commits.get(partition), scored])
      .then(() => commit(partition, nextOffset))
      .then(() => undefined);
    this.commits.set(partition, committed);
    later(committed);
    await heartbeat();
  }
}
