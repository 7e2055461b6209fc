import { BadRequestException, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { CanonicalEvent, TOPICS, validateCanonicalEvent } from '@rapport/contracts';
import { KafkaService } from '@rapport/kafka';
import { ApiMetrics } from '../metrics/api-metrics';

export const MAX_EVENTS_PER_REQUEST = 1000;

export interface InvalidEvent {
  index: number;
  id: unknown;
  errors: string[];
}

/** Validates untrusted events at the edge and hands them to Kafka, keyed by contract. */
@Injectable()
export class IngestService {
  constructor(
    private readonly kafka: KafkaService,
    private readonly metrics: ApiMetrics,
  ) {}

  async accept(body: unknown): Promise<{ accepted: number }> {
    const inputs = Array.isArray(body) ? body : [body];
    if (inputs.length === 0) throw new BadRequestException('no events in the request');
    if (inputs.length > MAX_EVENTS_PER_REQUEST) {
      throw new PayloadTooLargeException(`at most ${MAX_EVENTS_PER_REQUEST} events per request`);
    }
    const events: CanonicalEvent[] = [];
    const invalid: InvalidEvent[] = [];
    inputs.forEach((input, index) => {
      const result = validateCanonicalEvent(input);
      if (result.ok) events.push(result.event);
      else invalid.push({ index, id: (input as { id?: unknown } | null)?.id ?? null, errors: result.errors });
    });
    // All or nothing: a client fixes and resends the batch, and duplicates are ignored downstream.
    if (invalid.length) this.metrics.refused.inc(invalid.length);
    if (invalid.length) throw new BadRequestException({ message: `${invalid.length} invalid event(s); none accepted`, invalid });
    await this.kafka.send(
      TOPICS.events,
      events.map((e) => ({ key: e.contractid, value: e })),
    );
    this.metrics.accepted.inc({ via: 'events' }, events.length);
    return { accepted: events.length };
  }
}
