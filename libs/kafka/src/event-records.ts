import { type CanonicalEvent, groupBy } from '@rapport/contracts';

/**
 * How records of the events topic hold events. Producers write each contract's events of a request
 * as one record in CloudEvents' batched JSON format (a JSON array of structured events), keyed by
 * the contract: per event, the broker, the producer's encoder and the consumer's decoder then do a
 * fraction of the work they do for a record each. A record without this content type holds one
 * structured event (the format before batching, and what other producers may write).
 */
export const EVENT_RECORD_CONTENT_TYPE = {
  single: 'application/cloudevents+json',
  batch: 'application/cloudevents-batch+json',
} as const;

/** Well under the broker's 1 MiB `message.max.bytes`, whatever the request held. */
export const MAX_EVENT_RECORD_BYTES = 256 * 1024;

export interface EventRecord {
  /** The contract id: one partition per contract keeps its events in order. */
  key: string;
  value: Buffer;
  headers: { 'content-type': string };
}

/** Events as batch records: per contract, in order, as few records as fit under `maxBytes` each. */
export function toEventRecords(events: readonly CanonicalEvent[], maxBytes = MAX_EVENT_RECORD_BYTES): EventRecord[] {
  const records: EventRecord[] = [];
  for (const [key, list] of groupBy(events, (e) => e.contractid)) {
    let parts: string[] = [];
    let bytes = 2; // the brackets
    const flush = () => {
      records.push({ key, value: Buffer.from(`[${parts.join(',')}]`), headers: { 'content-type': EVENT_RECORD_CONTENT_TYPE.batch } });
      parts = [];
      bytes = 2;
    };
    for (const event of list) {
      const json = JSON.stringify(event);
      const size = Buffer.byteLength(json) + 1; // and its comma
      if (parts.length && bytes + size > maxBytes) flush();
      parts.push(json);
      bytes += size;
    }
    flush();
  }
  return records;
}

/** `batch`: the payloads came from a batch record (each has an index there). */
export type RecordPayloads = { ok: true; payloads: unknown[]; batch: boolean } | { ok: false; reason: string };

/** The untrusted payloads a record holds (each still to be validated), or why it holds none that can be read. */
export function recordPayloads(text: string, contentType: string | undefined): RecordPayloads {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'message is not JSON' };
  }
  if (contentType !== EVENT_RECORD_CONTENT_TYPE.batch) return { ok: true, payloads: [parsed], batch: false };
  if (!Array.isArray(parsed))
    return { ok: false, reason: `a batch record (${EVENT_RECORD_CONTENT_TYPE.batch}) must hold a JSON array of events` };
  return { ok: true, payloads: parsed, batch: true };
}
