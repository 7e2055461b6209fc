import { Injectable, Logger } from '@nestjs/common';
import { storableCopy, TOPICS } from '@rapport/contracts';
import { QuarantineRepository } from '@rapport/db';
import { KafkaService } from '@rapport/kafka';
import { PipelineMetrics } from '../metrics/pipeline-metrics';

export interface Rejected {
  key: string;
  payload: unknown;
  reason: string;
  /** Where the message was read ("topic/partition/offset"). */
  position: string;
}

/** A dead letter larger than this is kept whole in the quarantine only; the topic gets a reference to it. */
export const MAX_DEAD_LETTER_BYTES = 256 * 1024;

/**
 * Nothing is dropped: what the pipeline cannot process is kept in the quarantine (one statement
 * for a batch; the same message twice is kept once) and then published on the dead-letter topic,
 * in requests under the broker's size limit.
 */
@Injectable()
export class DeadLetterService {
  private readonly logger = new Logger(DeadLetterService.name);

  constructor(
    private readonly kafka: KafkaService,
    private readonly quarantine: QuarantineRepository,
    private readonly metrics: PipelineMetrics,
  ) {}

  async reject(items: Rejected[]): Promise<void> {
    if (!items.length) return;
    const entries = items.map((item) => {
      // The quarantine must be able to hold whatever arrived, even text PostgreSQL refuses.
      const payload = storableCopy(item.payload);
      const envelope = (payload ?? {}) as { source?: unknown; id?: unknown };
      return {
        source: typeof envelope.source === 'string' ? envelope.source : undefined,
        eventId: typeof envelope.id === 'string' ? envelope.id : undefined,
        reason: storableCopy(item.reason) as string,
        payload,
        sourceOffset: item.position,
      };
    });
    const ids = await this.quarantine.addDeadLetters(entries);
    await this.kafka.send(
      TOPICS.deadLetter,
      items.map((item, i) => {
        const headers = { 'rapport-error': item.reason.slice(0, 1000), 'rapport-quarantine-id': ids[i], 'rapport-position': item.position };
        const whole = JSON.stringify(item.payload ?? null);
        const value =
          Buffer.byteLength(whole) <= MAX_DEAD_LETTER_BYTES ? item.payload : { quarantineId: ids[i], bytes: Buffer.byteLength(whole) };
        return { key: item.key, value, headers };
      }),
    );
    this.metrics.deadLettered.inc(items.length);
    const reasons = new Map<string, number>();
    for (const e of entries) reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + 1);
    for (const [reason, count] of reasons) this.logger.warn(`quarantined ${count} event(s): ${reason}`);
  }
}
