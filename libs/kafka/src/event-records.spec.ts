import type { CanonicalEvent } from '@rapport/contracts';
import { EVENT_RECORD_CONTENT_TYPE, recordPayloads, toEventRecords } from './event-records';

const A = '0b8f6a2c-5d3e-4f1a-9c7b-2e4d6f8a0b1c';
const B = '7d1e2f3a-4b5c-4d6e-8f9a-0b1c2d3e4f5a';
const event = (id: string, contractid: string): CanonicalEvent => ({
  specversion: '1.0',
  id,
  source: 'jira:acme/OPS',
  type: 'ticket.resolved',
  time: '2026-11-02T09:30:00Z',
  contractid,
  data: { ticketId: id },
});
const ids = (value: Buffer): string[] => (JSON.parse(value.toString()) as CanonicalEvent[]).map((e) => e.id);

describe('event records', () => {
  it('writes one batch record per contract, keyed by it, each in the events’ order', () => {
    const records = toEventRecords([event('a1', A), event('b1', B), event('a2', A), event('a3', A)]);
    expect(records.map((r) => [r.key, ids(r.value), r.headers['content-type']])).toEqual([
      [A, ['a1', 'a2', 'a3'], EVENT_RECORD_CONTENT_TYPE.batch],
      [B, ['b1'], EVENT_RECORD_CONTENT_TYPE.batch],
    ]);
  });

  it('splits a contract’s events into records under the byte limit, in order', () => {
    const events = ['a1', 'a2', 'a3', 'a4', 'a5'].map((id) => event(id, A));
    const oneEvent = Buffer.byteLength(JSON.stringify(events[0]));
    // Room for two events and their separators, not three: [e,e] is 2 + 2·size + 1 bytes.
    const records = toEventRecords(events, 2 * oneEvent + 4);
    expect(records.map((r) => ids(r.value))).toEqual([['a1', 'a2'], ['a3', 'a4'], ['a5']]);
    for (const r of records) expect(r.value.length).toBeLessThanOrEqual(2 * oneEvent + 4);
    // An event larger than the limit still gets a record of its own.
    expect(toEventRecords(events.slice(0, 2), 10).map((r) => ids(r.value))).toEqual([['a1'], ['a2']]);
  });

  it('reads a batch record’s payloads, a record without the batch type as one event, and says why a record cannot be read', () => {
    const [record] = toEventRecords([event('a1', A), event('a2', A)]);
    const read = recordPayloads(record.value.toString(), record.headers['content-type']);
    expect(read).toEqual({ ok: true, batch: true, payloads: [event('a1', A), event('a2', A)] });
    expect(recordPayloads(JSON.stringify(event('a1', A)), undefined)).toEqual({ ok: true, batch: false, payloads: [event('a1', A)] });
    expect(recordPayloads('[1,2]', EVENT_RECORD_CONTENT_TYPE.single)).toEqual({ ok: true, batch: false, payloads: [[1, 2]] });
    expect(recordPayloads('{"id":', EVENT_RECORD_CONTENT_TYPE.batch)).toEqual({ ok: false, reason: 'message is not JSON' });
    expect(recordPayloads('{"id":"x"}', EVENT_RECORD_CONTENT_TYPE.batch)).toEqual({
      ok: false,
      reason: 'a batch record (application/cloudevents-batch+json) must hold a JSON array of events',
    });
  });
});
