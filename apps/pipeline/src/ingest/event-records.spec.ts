import type { CanonicalEvent } from '@rapport/contracts';
import { EVENT_RECORD_CONTENT_TYPE, toEventRecords } from '@rapport/kafka';
import type { Batch, KafkaMessage } from 'kafkajs';
import { positionOf } from './event-processor.service';
import { readRecords } from './event-records';

const CONTRACT = '0b8f6a2c-5d3e-4f1a-9c7b-2e4d6f8a0b1c';
const event = (id: string, ticketId: unknown = id): CanonicalEvent =>
  ({
    specversion: '1.0',
    id,
    source: 'jira:acme/OPS',
    type: 'ticket.resolved',
    time: '2026-11-02T09:30:00Z',
    contractid: CONTRACT,
    data: { ticketId },
  }) as CanonicalEvent;

const message = (offset: number, value: string | Buffer, headers?: KafkaMessage['headers']): KafkaMessage =>
  ({ offset: String(offset), key: Buffer.from(CONTRACT), value: Buffer.from(value), timestamp: '1700000000000', headers }) as KafkaMessage;

const batchOf = (messages: KafkaMessage[]): Batch => ({ topic: 'rapport.events.v1', partition: 2, messages }) as unknown as Batch;

describe('readRecords', () => {
  it('reads each event of a batch record with its index in the record, and a single-event record as before', () => {
    const [record] = toEventRecords([event('e1'), event('e2', 42), event('e3')]);
    const { valid, rejected } = readRecords(
      batchOf([
        message(7, record.value, { 'content-type': Buffer.from(EVENT_RECORD_CONTENT_TYPE.batch) }),
        message(8, JSON.stringify(event('e4'))),
      ]),
    );
    expect(valid.map((d) => [d.event.id, positionOf(d), d.acceptedAt])).toEqual([
      ['e1', 'rapport.events.v1/2/7#0', 1700000000000],
      ['e3', 'rapport.events.v1/2/7#2', 1700000000000],
      ['e4', 'rapport.events.v1/2/8', 1700000000000],
    ]);
    expect(rejected).toEqual([
      { key: CONTRACT, payload: event('e2', 42), reason: expect.stringMatching(/^data\.ticketId: /), position: 'rapport.events.v1/2/7#1' },
    ]);
  });

  it('still refuses text that cannot be stored inside a batch record, and takes the other events of the record', () => {
    const [record] = toEventRecords([event('e1'), event('e2', 'T\u0000'), event('e3', 'T\uD800')]);
    const { valid, rejected } = readRecords(batchOf([message(9, record.value, { 'content-type': EVENT_RECORD_CONTENT_TYPE.batch })]));
    expect(valid.map((d) => d.event.id)).toEqual(['e1']);
    expect(rejected.map((r) => [r.position, r.reason])).toEqual([
      ['rapport.events.v1/2/9#1', expect.stringMatching(/^data\.ticketId: contains a NUL character/)],
      ['rapport.events.v1/2/9#2', expect.stringMatching(/^data\.ticketId: contains a NUL character or an unpaired surrogate/)],
    ]);
  });

  it('rejects a record that cannot be read whole, with its text and the reason', () => {
    const { valid, rejected } = readRecords(
      batchOf([message(3, 'not json'), message(4, '{"id":"x"}', { 'content-type': EVENT_RECORD_CONTENT_TYPE.batch })]),
    );
    expect(valid).toEqual([]);
    expect(rejected).toEqual([
      { key: CONTRACT, payload: 'not json', reason: 'message is not JSON', position: 'rapport.events.v1/2/3' },
      {
        key: CONTRACT,
        payload: '{"id":"x"}',
        reason: 'a batch record (application/cloudevents-batch+json) must hold a JSON array of events',
        position: 'rapport.events.v1/2/4',
      },
    ]);
  });
});
