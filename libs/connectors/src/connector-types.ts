import type { EventData, EventType } from '@rapport/contracts';
import { z } from 'zod';

/** The vendor tools Rapport has connectors for (also the ConnectorTool enum of the database). */
export const TOOLS = ['github', 'jira', 'zendesk', 'servicenow'] as const;
export type Tool = (typeof TOOLS)[number];
export const toolSchema = z.enum(TOOLS);

export const isTool = (value: string): value is Tool => (TOOLS as readonly string[]).includes(value);

/** A webhook delivery as a connector sees it: the headers it needs and the parsed JSON body. */
export interface Delivery {
  headers: Record<string, string | undefined>;
  body: unknown;
}

/** Who must (or must not) have caused an event for it to count. */
export interface ActorRule {
  /** Account ids in the tool's own terms (GitHub login, Jira accountId, Zendesk user id). */
  accounts: string[];
  /** true: one of them must be a vendor account; false: none of them may be. */
  vendor: boolean;
  /** Said in the answer when the rule drops the event. */
  because: string;
}

/** A canonical event before its contract is known. */
export type EventDraft = {
  [T in EventType]: { type: T; id: string; time: string; data: EventData<T>; actor?: ActorRule };
}[EventType];

/** Where a delivery's events belong: known even when one of its fields cannot be read. */
export interface DeliveryOrigin {
  /** CloudEvents `source` of the drafts. */
  source: string;
  /** Mapping rule keys to try, in order (e.g. a Zendesk group, then its organization). */
  sourceKeys: string[];
  /** An identifier of the delivery for logs and quarantine (delivery id, event id). */
  deliveryId: string | null;
}

/** What a connector makes of a delivery, before mapping rules are applied. */
export type ParseResult =
  | { kind: 'invalid'; errors: string[] }
  | { kind: 'ignored'; reason: string }
  | (DeliveryOrigin & { kind: 'events'; drafts: EventDraft[] })
  /**
   * A well-formed delivery about a ticket with a field Rapport cannot read (an unknown state
   * label, a local time without a time zone): kept in the quarantine with `reason`, never
   * dropped, and replayable once a rule or setting makes it readable.
   */
  | (DeliveryOrigin & { kind: 'unreadable'; reason: string; needsTimeZone: boolean });

/** Settings of the mapping rule that apply while reading a delivery. */
export interface ReadSettings {
  /** IANA time zone of display-value times when the delivery does not name one (ServiceNow). */
  timeZone?: string | null;
}

export const invalid = (error: z.ZodError): ParseResult => ({
  kind: 'invalid',
  errors: error.issues.map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`),
});

export const ignored = (reason: string): ParseResult => ({ kind: 'ignored', reason });

/** The same issues with their paths under `prefix` (for a part of the body checked on its own). */
export const prefixed = (error: z.ZodError, prefix: string): z.ZodError =>
  new z.ZodError(error.issues.map((i) => ({ ...i, path: [prefix, ...i.path] })));
