import { Injectable, Logger } from '@nestjs/common';
import { storableCopy, TOPICS } from '@rapport/contracts';
import { QuarantineRepository } from '@rapport/db';
import { KafkaService } from '@rapport/kafka';

export interface Rejected {
  key: string;
  payload: unknown;
  reason: string;
}

/** Nothing is dropped: what the pipeline cannot process goes to the dead-letter topic and quarantine. */
@Injectable()
export class DeadLetterService {
  private readonly logger = new Logger(DeadLetterService.name);

  constructor(
    private readonly kafka: KafkaService,
    private readonly quarantine: QuarantineRepository,
  ) {}

  async reject(items: Rejected[]): Promise<void> {
    if (!items.length) return;
    await this.kafka.send(
      TOPICS.deadLetter,
      items.map((i) => ({ key: i.key, value: i.payload, headers: { 'rapport-error': i.reason } })),
    );
    for (const item of items) {
      // The quarantine must be able to hold whatever arrived, even text PostgreSQL refuses.
      const payload = storableCopy(item.payload);
      const envelope = (payload ?? {}) as { source?: unknown; id?: unknown };
      await this.quarantine.add({
        source: typeof envelope.source === 'string' ? envelope.source : undefined,
        eventId: typeof envelope.id === 'string' ? envelope.id : undefined,
        reason: storableCopy(item.reason) as string,
        payload,
      });
      this.logger.warn(`quarantined event: ${item.reason}`);
    }
  }
}
