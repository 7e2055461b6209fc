import { BadRequestException, Injectable } from '@nestjs/common';
import { CanonicalEvent, TOPICS, validateCanonicalEvent } from '@rapport/contracts';
import { KafkaService, toEventRecords } from '@rapport/kafka';
import { ApiMetrics } from '../metrics/api-metrics';

/** Where events entered: the metrics' `via` label. */
export type EntryPoint = 'events' | 'webhooks' | 'replay';

export interface InvalidEvent {
  index: number;
  /** The event's own id when it has one, so the sender can find it. */
  id: unknown;
  errors: string[];
}

/**
 * The one validate-and-send of canonical events, for every entry point (ingestion, connectors,
 * quarantine replays): each event is checked against the contract, then all are handed to Kafka,
 * a record per contract (libs/kafka event-records.ts). All or nothing: a sender fixes and
 * resends the batch, and duplicates are ignored downstream.
 */
@Injectable()
export class CanonicalEventSender {
  constructor(
    private readonly kafka: KafkaService,
    private readonly metrics: ApiMetrics,
  ) {}

  /** Resolves with how many were sent once Kafka acknowledged every one; a 400 names each invalid event and none is sent. */
  async send(inputs: readonly unknown[], via: EntryPoint): Promise<number> {
    const events: CanonicalEvent[] = [];
    const invalid: InvalidEvent[] = [];
    inputs.forEach((input, index) => {
      const result = validateCanonicalEvent(input);
      if (result.ok) events.push(result.event);
      else invalid.push({ index, id: (input as { id?: unknown } | null)?.id ?? null, errors: result.errors });
    });
    if (invalid.length) {
      this.metrics.refused.inc(invalid.length);
      throw new BadRequestException({ message: `${invalid.length} invalid event(s); none accepted`, invalid });
    }
    if (!events.length) return 0;
    await this.kafka.sendRecords(TOPICS.events, toEventRecords(events));
    this.metrics.accepted.inc({ via }, events.length);
    return events.length;
  }
}
