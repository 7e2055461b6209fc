import { BadRequestException } from '@nestjs/common';
import { TOPICS } from '@rapport/contracts';
import { EVENT_RECORD_CONTENT_TYPE, type KafkaService } from '@rapport/kafka';
import type { Message } from 'kafkajs';
import { ApiMetrics } from '../metrics/api-metrics';
import { CanonicalEventSender } from './canonical-event.sender';

const CONTRACT = '0b8f6a2c-5d3e-4f1a-9c7b-2e4d6f8a0b1c';
const OTHER = '7d1e2f3a-4b5c-4d6e-8f9a-0b1c2d3e4f5a';
const event = (id: string, data: Record<string, unknown> = { ticketId: id, priority: 'P2' }, contractid = CONTRACT) => ({
  specversion: '1.0',
  id,
  source: 'jira:acme/OPS',
  type: 'ticket.opened',
  time: '2026-11-02T09:30:00+01:00',
  contractid,
  data,
});

function setup() {
  const sent: { topic: string; messages: Message[] }[] = [];
  const kafka: Pick<KafkaService, 'sendRecords' | 'groupProgress'> = {
    sendRecords: (topic, messages) => {
      sent.push({ topic, messages });
      return Promise.resolve();
    },
    groupProgress: () => Promise.resolve(undefined),
  };
  const metrics = new ApiMetrics(kafka as KafkaService);
  const sender = new CanonicalEventSender(kafka as KafkaService, metrics);
  const count = async (name: 'accepted' | 'refused') => (await metrics[name].get()).values.map((v) => [v.labels.via ?? '', v.value]);
  return { sender, sent, count };
}

describe('CanonicalEventSender', () => {
  it('sends valid events as one batch record per contract, keyed by it, and counts them under their entry point', async () => {
    const { sender, sent, count } = setup();
    await expect(sender.send([event('e1'), event('e2', undefined, OTHER), event('e3')], 'webhooks')).resolves.toBe(3);
    expect(sent.map((s) => s.topic)).toEqual([TOPICS.events]);
    const records = sent[0].messages.map((m) => ({
      key: m.key,
      ids: (JSON.parse(String(m.value)) as { id: string }[]).map((e) => e.id),
      type: m.headers?.['content-type'],
    }));
    expect(records).toEqual([
      { key: CONTRACT, ids: ['e1', 'e3'], type: EVENT_RECORD_CONTENT_TYPE.batch },
      { key: OTHER, ids: ['e2'], type: EVENT_RECORD_CONTENT_TYPE.batch },
    ]);
    expect(await count('accepted')).toEqual([['webhooks', 3]]);
  });

  it('refuses the whole batch with a 400 naming each invalid event by index and id, and sends nothing', async () => {
    const { sender, sent, count } = setup();
    const error = await sender
      .send([event('e1'), event('e2', { ticketId: 'e2', priority: 'P9' }), { nonsense: true }], 'events')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    const body = (error as BadRequestException).getResponse() as {
      message: string;
      invalid: { index: number; id: unknown; errors: string[] }[];
    };
    expect(body.message).toBe('2 invalid event(s); none accepted');
    expect(body.invalid.map(({ index, id }) => [index, id])).toEqual([
      [1, 'e2'],
      [2, null],
    ]);
    expect(body.invalid[0].errors.join()).toMatch(/data\.priority/);
    expect(sent).toEqual([]);
    expect(await count('refused')).toEqual([['', 2]]);
    expect(await count('accepted')).toEqual([]);
  });

  it('sends nothing for nothing', async () => {
    const { sender, sent } = setup();
    await expect(sender.send([], 'replay')).resolves.toBe(0);
    expect(sent).toEqual([]);
  });
});
