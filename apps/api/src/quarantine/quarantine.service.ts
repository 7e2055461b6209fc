import { BadRequestException, Injectable } from '@nestjs/common';
import { Delivery, isTool } from '@rapport/connectors';
import { QuarantineEntry, QuarantinePage, QuarantineQuery, QuarantineRepository } from '@rapport/db';
import { WebhookIntakeService, WebhookResult } from '../connectors/webhook-intake.service';
import { CanonicalEventSender } from '../ingest/canonical-event.sender';
import { found } from '../shared/found';

export interface ReplayResult extends WebhookResult {
  id: string;
  replayedAt: string;
}

const isDelivery = (payload: unknown): payload is Delivery =>
  !!payload && typeof payload === 'object' && 'body' in payload && 'headers' in payload && typeof payload.headers === 'object';

/**
 * The quarantine as admins see it. Two origins write to it, both through QuarantineRepository:
 * the pipeline (events it dead-lettered) and the connectors (webhook deliveries from an unmapped
 * source or with an unreadable field). Here they are listed and replayed: a webhook delivery
 * goes through its connector again with the current mapping rules, a dead-lettered event back
 * onto the events topic (optionally for another contract). Replays are idempotent: the events
 * keep their (source, id), so the pipeline counts them once.
 */
@Injectable()
export class QuarantineService {
  constructor(
    private readonly quarantine: QuarantineRepository,
    private readonly intake: WebhookIntakeService,
    private readonly sender: CanonicalEventSender,
  ) {}

  list(query: QuarantineQuery): Promise<QuarantinePage> {
    return this.quarantine.list(query);
  }

  async replay(id: string, override: { contractid?: string }): Promise<ReplayResult> {
    const entry = found(await this.quarantine.find(id));
    const result = entry.origin === 'webhook' ? await this.replayDelivery(entry) : await this.replayDeadLetter(entry, override);
    const replayedAt = found(await this.quarantine.markReplayed(id));
    return { id, replayedAt: replayedAt.toISOString(), ...result };
  }

  private async replayDelivery(entry: QuarantineEntry): Promise<WebhookResult> {
    if (!entry.tool || !isTool(entry.tool) || !isDelivery(entry.payload)) {
      throw new BadRequestException('this entry does not hold a webhook delivery that can be replayed');
    }
    return this.intake.convert(entry.tool, entry.payload, 'replay');
  }

  private async replayDeadLetter(entry: QuarantineEntry, override: { contractid?: string }): Promise<WebhookResult> {
    const event = entry.payload as Record<string, unknown> | null;
    const input = override.contractid && event && typeof event === 'object' ? { ...event, contractid: override.contractid } : event;
    return { accepted: await this.sender.send([input], 'replay') };
  }
}
