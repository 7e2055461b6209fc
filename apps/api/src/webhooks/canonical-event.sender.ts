import { BadRequestException, Injectable } from '@nestjs/common';
import { CanonicalEvent, TOPICS, validateCanonicalEvent } from '@rapport/contracts';
import { KafkaService } from '@rapport/kafka';
import { ApiMetrics } from '../metrics/api-metrics';

/** Validates canonical events against the contract and hands them to Kafka, keyed by contract. */
@Injectable()
export class CanonicalEventSender {
  constructor(
    private readonly kafka: KafkaService,
    private readonly metrics: ApiMetrics,
  ) {}

  /** Resolves once Kafka acknowledged every event; a 400 names each invalid one and sends none. */
  async send(inputs: unknown[]): Promise<number> {
    const events: CanonicalEvent[] = [];
    const invalid: { index: number; errors: string[] }[] = [];
    inputs.forEach((input, index) => {
      const result = validateCanonicalEvent(input);
      if (result.ok) events.push(result.event);
      else invalid.push({ index, errors: result.errors });
    });
    if (invalid.length) throw new BadRequestException({ message: `${invalid.length} event(s) would be invalid; none accepted`, invalid });
    if (!events.length) return 0;
    await this.kafka.send(
      TOPICS.events,
      events.map((e) => ({ key: e.contractid, value: e })),
    );
    this.metrics.accepted.inc({ via: 'webhooks' }, events.length);
    return events.length;
  }
}
