import { z } from 'zod';
import { EVENT_TYPES, EventData, EventType, eventDataSchemas } from './event-types';
import { unstorableTextPath } from './storable-text';

/**
 * A canonical event: a CloudEvents 1.0 structured-mode JSON envelope whose `type` is one of
 * the docs/product.md types and whose extension `contractid` names the contract.
 * The schemas are built once, at load; every event of every request passes through them.
 */
/** Event times come from other tools' clocks: a little skew is fine, the far future or past is a bug. */
export const EARLIEST_EVENT_TIME = Date.UTC(2000, 0, 1);
export const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

const eventTime = z.iso.datetime({ offset: true }).refine((t) => {
  const ms = Date.parse(t);
  return ms >= EARLIEST_EVENT_TIME && ms <= Date.now() + MAX_CLOCK_SKEW_MS;
}, 'must lie between 2000-01-01 and one day from now');

const envelopeSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1).max(200),
  source: z.string().min(1).max(500),
  type: z.enum(EVENT_TYPES as [EventType, ...EventType[]]),
  time: eventTime,
  // Contract ids are UUIDs; checking it here keeps a malformed id from ever reaching the database.
  // Lower-cased once valid (not by a zod transform, which costs more than the rest of the envelope):
  // PostgreSQL reads any case, but the pipeline groups and matches ids as text.
  contractid: z.uuid(),
  datacontenttype: z.string().optional(),
  subject: z.string().optional(),
  data: z.unknown(),
});

export type CanonicalEvent = {
  [T in EventType]: {
    specversion: '1.0';
    id: string;
    source: string;
    type: T;
    time: string;
    contractid: string;
    subject?: string;
    data: EventData<T>;
  };
}[EventType];

export type ValidationResult = { ok: true; event: CanonicalEvent } | { ok: false; errors: string[] };

const describe = (issues: z.core.$ZodIssue[], prefix: string): string[] =>
  issues.map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(event)'}: ${i.message}`);

/**
 * Checks one untrusted input against the canonical event contract; never throws. `textChecked`:
 * the input was parsed from JSON text that `jsonTextIsStorable` passed, so its text need no walk.
 */
export function validateCanonicalEvent(input: unknown, textChecked = false): ValidationResult {
  const unstorable = textChecked ? null : unstorableTextPath(input);
  if (unstorable)
    return { ok: false, errors: [`${unstorable}: contains a NUL character or an unpaired surrogate, which cannot be stored`] };
  const envelope = envelopeSchema.safeParse(input);
  if (!envelope.success) return { ok: false, errors: describe(envelope.error.issues, '') };
  const data = eventDataSchemas[envelope.data.type].safeParse(envelope.data.data);
  if (!data.success) return { ok: false, errors: describe(data.error.issues, 'data') };
  // Built field by field (datacontenttype is dropped): spreading the rest costs more per event than the checks.
  const { specversion, id, source, type, time, contractid, subject } = envelope.data;
  const event = { specversion, id, source, type, time, contractid: contractid.toLowerCase(), data: data.data } as CanonicalEvent;
  if (subject !== undefined) event.subject = subject;
  return { ok: true, event };
}
