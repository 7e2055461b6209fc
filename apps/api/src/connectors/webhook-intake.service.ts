import { BadRequestException, ConflictException, Injectable, UnauthorizedException, UnsupportedMediaTypeException } from '@nestjs/common';
import {
  checkSignature,
  Delivery,
  DELIVERY_HEADERS,
  finalizeEvents,
  normalizeAccount,
  parseDeliveries,
  parseDelivery,
  ParseResult,
  Tool,
} from '@rapport/connectors';
import { ConnectorSourceRepository, ContractRepository, QuarantineRepository, VendorAccountRepository } from '@rapport/db';
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { CanonicalEventSender } from '../ingest/canonical-event.sender';
import { WebhookSecretsService } from './webhook-secrets.service';

/** The answer to a webhook: how many events were accepted, or why none were. */
export interface WebhookResult {
  accepted: number;
  quarantined?: number;
  ignored?: string;
}

export interface IncomingWebhook {
  headers: IncomingHttpHeaders;
  /** The bytes as received (signatures cover them); undefined when no JSON body was parsed. */
  rawBody: Buffer | undefined;
  body: unknown;
  isJson: boolean;
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Identifies one delivery: the tool, its delivery id, and what it carried. A tool's retry or a
 * replayed copy has the same key (kept once in the quarantine); two different deliveries never do,
 * even where a tool reuses an id (ServiceNow's is the record's sys_id).
 */
export function deliveryKeyOf(tool: Tool, deliveryId: string | null, delivery: Delivery): string {
  return createHash('sha256')
    .update(JSON.stringify([tool, deliveryId, delivery.headers, delivery.body]))
    .digest('hex');
}

/**
 * A vendor tool's webhook → authenticity check → its connector → the contract from the mapping
 * rules → canonical events on Kafka. Unmapped sources are quarantined, never dropped.
 */
@Injectable()
export class WebhookIntakeService {
  constructor(
    private readonly secrets: WebhookSecretsService,
    private readonly sources: ConnectorSourceRepository,
    private readonly accounts: VendorAccountRepository,
    private readonly contracts: ContractRepository,
    private readonly quarantine: QuarantineRepository,
    private readonly sender: CanonicalEventSender,
  ) {}

  async receive(tool: Tool, request: IncomingWebhook): Promise<WebhookResult> {
    if (!request.isJson) throw new UnsupportedMediaTypeException('send the webhook payload as application/json');
    if (!request.rawBody?.length) throw new BadRequestException('the request body is empty');
    const headers = Object.fromEntries(Object.keys(request.headers).map((name) => [name, header(request.headers, name)]));
    const check = await checkSignature(tool, { rawBody: request.rawBody, headers }, await this.secrets.active(tool));
    if (!check.ok) throw new UnauthorizedException(`webhook signature refused: ${check.reason}`);
    const kept = Object.fromEntries(DELIVERY_HEADERS[tool].map((name) => [name, headers[name]]));
    return this.convert(tool, { headers: kept, body: request.body }, 'live');
  }

  /**
   * Runs a delivery through its connector with the current mapping rules: each record of a list
   * on its own, after every record was found well-formed (nothing is sent for a 400). Live
   * deliveries from an unmapped source or with an unreadable field are quarantined; a replayed
   * one that still is either is refused (409).
   */
  async convert(tool: Tool, delivery: Delivery, mode: 'live' | 'replay'): Promise<WebhookResult> {
    const parts = parseDeliveries(tool, delivery);
    const errors = parts.flatMap(({ result }) => (result.kind === 'invalid' ? result.errors : []));
    if (errors.length) throw new BadRequestException({ message: `not a usable ${tool} webhook payload`, errors });
    const results: WebhookResult[] = [];
    for (const part of parts) results.push(await this.convertOne(tool, part.delivery, part.result, mode));
    if (results.length === 1) return results[0];
    const sum = (key: 'accepted' | 'quarantined') => results.reduce((n, r) => n + (r[key] ?? 0), 0);
    const reasons = [...new Set(results.flatMap((r) => (r.ignored ? [r.ignored] : [])))];
    return {
      accepted: sum('accepted'),
      ...(sum('quarantined') ? { quarantined: sum('quarantined') } : {}),
      ...(reasons.length ? { ignored: reasons.join('; ') } : {}),
    };
  }

  private async convertOne(tool: Tool, delivery: Delivery, first: ParseResult, mode: 'live' | 'replay'): Promise<WebhookResult> {
    if (first.kind === 'invalid') throw new BadRequestException({ message: `not a usable ${tool} webhook payload`, errors: first.errors });
    if (first.kind === 'ignored') return { accepted: 0, ignored: first.reason };
    const rule = await this.sources.findFirst(tool, first.sourceKeys);
    // A rule's time zone reads the display-value times of a delivery that named none.
    const parsed =
      first.kind === 'unreadable' && first.needsTimeZone && rule?.timeZone
        ? parseDelivery(tool, delivery, { timeZone: rule.timeZone })
        : first;
    if (parsed.kind !== 'events' || !rule) {
      const keys = first.sourceKeys.length ? first.sourceKeys.map((k) => `"${k}"`).join(' or ') : '(the payload names none)';
      const reason =
        parsed.kind === 'unreadable' ? `unreadable ${tool} delivery: ${parsed.reason}` : `no ${tool} mapping rule for source ${keys}`;
      const fix = parsed.kind === 'unreadable' ? 'fix the mapping rule or the sending side' : 'add the mapping rule';
      if (mode === 'replay') throw new ConflictException(`still ${reason}; ${fix} first`);
      const kept = await this.quarantine.addFromWebhook({
        tool,
        source: first.source,
        eventId: first.deliveryId ?? undefined,
        reason,
        payload: delivery,
        deliveryKey: deliveryKeyOf(tool, first.deliveryId, delivery),
      });
      return kept
        ? { accepted: 0, quarantined: 1 }
        : { accepted: 0, ignored: 'this delivery is already quarantined (a repeated delivery)' };
    }
    const [contract] = await this.contracts.findByIds([rule.contractId]);
    const vendorAccounts = new Set(contract ? await this.accounts.accountsOf(contract.vendorId, tool) : []);
    const { events, skipped } = finalizeEvents(parsed.source, parsed.drafts, {
      contractId: rule.contractId,
      isVendorAccount: (account) => vendorAccounts.has(normalizeAccount(tool, account)),
    });
    if (!events.length) return { accepted: 0, ignored: skipped.join('; ') };
    return { accepted: await this.sender.send(events, mode === 'replay' ? 'replay' : 'webhooks') };
  }
}
