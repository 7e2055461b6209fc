import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CanonicalEvent, TOPICS, validateCanonicalEvent } from '@rapport/contracts';
import { KafkaService } from '@rapport/kafka';
import type { EachBatchPayload } from 'kafkajs';
import { DeadLetterService, Rejected } from './dead-letter.service';
import { EventProcessor } from './event-processor.service';

/** Thin edge: decodes and validates a batch, hands the valid events to the processor. */
@Injectable()
export class EventsConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger(EventsConsumer.name);

  constructor(
    private readonly kafka: KafkaService,
    private readonly processor: EventProcessor,
    private readonly deadLetters: DeadLetterService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.kafka.ensureTopics();
    await this.kafka.consume({ group: 'pipeline', topic: TOPICS.events, eachBatch: (p) => this.handle(p) });
    this.logger.log(`consuming ${TOPICS.events}`);
  }

  private async handle({ batch, resolveOffset, commitOffsetsIfNecessary, heartbeat }: EachBatchPayload): Promise<void> {
    const valid: CanonicalEvent[] = [];
    const rejected: Rejected[] = [];
    for (const message of batch.messages) {
      const key = message.key?.toString() ?? '';
      const text = message.value?.toString() ?? '';
      let payload: unknown;
      try {
        payload = JSON.parse(text);
      } catch {
        rejected.push({ key, payload: text, reason: 'message is not JSON' });
        continue;
      }
      const result = validateCanonicalEvent(payload);
      if (result.ok) valid.push(result.event);
      else rejected.push({ key, payload, reason: result.errors.join('; ') });
    }
    await this.deadLetters.reject(rejected);
    const result = await this.processor.process(valid);
    const last = batch.messages.at(-1);
    if (last) resolveOffset(last.offset);
    await commitOffsetsIfNecessary();
    await heartbeat();
    this.logger.debug(`batch of ${batch.messages.length}: ${JSON.stringify(result)}`);
  }
}
