import { BadRequestException, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { CanonicalEventSender } from './canonical-event.sender';

export const MAX_EVENTS_PER_REQUEST = 1000;

/** `POST /api/v1/events`: one event or a bounded batch of them, validated and sent as one. */
@Injectable()
export class IngestService {
  constructor(private readonly sender: CanonicalEventSender) {}

  async accept(body: unknown): Promise<{ accepted: number }> {
    const inputs = Array.isArray(body) ? body : [body];
    if (inputs.length === 0) throw new BadRequestException('no events in the request');
    if (inputs.length > MAX_EVENTS_PER_REQUEST) {
      throw new PayloadTooLargeException(`at most ${MAX_EVENTS_PER_REQUEST} events per request`);
    }
    return { accepted: await this.sender.send(inputs, 'events') };
  }
}
