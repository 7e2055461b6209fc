import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import { PIPELINE_GROUP, TOPICS } from '@rapport/contracts';
import { KafkaService } from '@rapport/kafka';
import type { EachBatchPayload } from 'kafkajs';
import { DeadLetterService } from './dead-letter.service';
import { EventProcessor } from './event-processor.service';
import { readRecords } from './event-records';

/**
 * Thin edge: decodes and validates a batch, dead-letters what is invalid, hands the rest to the
 * processor, and commits the batch only once all of it is stored or quarantined and scored.
 */
@Injectable()
export class EventsConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger(EventsConsumer.name);
  /** Per partition, its latest deferred commit. */
  private readonly commits = new Map<number, Promise<void>>();

  constructor(
    private readonly kafka: KafkaService,
    private readonly processor: EventProcessor,
    private readonly deadLetters: DeadLetterService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.kafka.consume({
      group: PIPELINE_GROUP,
      topic: TOPICS.events,
      concurrency: this.config.PIPELINE_CONCURRENCY,
      autoCommit: false,
      eachBatch: (p, later) => this.handle(p, later),
    });
    this.logger.log(`consuming ${TOPICS.events}`);
  }

  private async handle(
    { batch, resolveOffset, commitOffsetsIfNecessary, heartbeat }: EachBatchPayload,
    later: (work: Promise<void>) => void,
  ): Promise<void> {
    const { valid, rejected } = readRecords(batch);
    await this.deadLetters.reject(rejected);
    const { scored, ...result } = await this.processor.process(valid, heartbeat);
    const last = batch.messages.at(-1);
    if (last) {
      // The next batch may be read now; the offset is committed only once this one is scored too,
      // so a crash before that delivers it again (its contracts are then scored again).
      resolveOffset(last.offset);
      const next = { topic: batch.topic, partitions: [{ partition: batch.partition, offset: String(Number(last.offset) + 1) }] };
      // After the partition's previous commit: a batch scored sooner never commits past one still waiting.
      const commit = (this.commits.get(batch.partition) ?? Promise.resolve())
        .then(() => scored)
        .then(() =>
          commitOffsetsIfNecessary({ topics: [next] }).catch((error: Error) => {
            // The partition moved to another worker meanwhile: it reads the batch again.
            this.logger.warn(`offset ${next.partitions[0].offset} of partition ${batch.partition} not committed: ${error.message}`);
          }),
        );
      this.commits.set(batch.partition, commit);
      later(commit);
    }
    await heartbeat();
    this.logger.debug(`batch of ${batch.messages.length}: ${JSON.stringify(result)}`);
  }
}
