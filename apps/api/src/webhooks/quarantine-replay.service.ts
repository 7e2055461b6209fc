import { BadRequestException, Injectable } from '@nestjs/common';
import { Delivery, isTool } from '@rapport/connectors';
import { QuarantineRepository } from '@rapport/db';
import { found } from '../shared/found';
import { CanonicalEventSender } from '../ingest/canonical-event.sender';
import { WebhookIntakeService, WebhookResult } from './webhook-intake.service';

export interface ReplayResult extends WebhookResult {
  id: string;
  replayedAt: string;
}

const isDelivery = (payload: unknown): payload is Delivery =>
  !!payload && typeof payload === 'object' && 'body' in payload && 'headers' in payload && typeof payload.headers === 'object';

/**
 * Sends a quarantined entry through again: a webhook delivery through its connector with the
 * current mapping rules, a dead-lettered event back onto the events topic (optionally for
 * another contract). Idempotent: the events keep their (source, id), so the pipeline counts them once.
 */
@Injectable()
export class QuarantineReplayService {
  constructor(
    private readonly quarantine: QuarantineRepository,
    private readonly intake: WebhookIntakeService,
    private readonly sender: CanonicalEventSender,
  ) {}

  async replay(id: string, override: { contractid?: string }): Promise<ReplayResult> {
    const entry = found(await this.quarantine.find(id));
    let result: WebhookResult;
    if (entry.origin === 'webhook') {
      if (!entry.tool || !isTool(entry.tool) || !isDelivery(entry.payload)) {
        throw new BadRequestException('this entry does not hold a webhook delivery that can be replayed');
      }
      result = await this.intake.convert(entry.tool, entry.payload, 'replay');
    } else {
      const event = entry.payload as Record<string, unknown> | null;
      const input = override.contractid && event && typeof event === 'object' ? { ...event, contractid: override.contractid } : event;
      result = { accepted: await this.sender.send([input], 'replay') };
    }
    const replayedAt = found(await this.quarantine.markReplayed(id));
    return { id, replayedAt: replayedAt.toISOString(), ...result };
  }
}
