import { BadRequestException, NotFoundException } from '@nestjs/common';
import type { Delivery, Tool } from '@rapport/connectors';
import type { QuarantineEntry, QuarantineRepository } from '@rapport/db';
import type { WebhookIntakeService } from '../connectors/webhook-intake.service';
import type { CanonicalEventSender, EntryPoint } from '../ingest/canonical-event.sender';
import { QuarantineService } from './quarantine.service';

const AT = new Date('2026-11-02T10:00:00Z');
const entry = (id: string, origin: string, tool: string | null, payload: unknown): QuarantineEntry => ({
  id,
  origin,
  tool,
  payload,
  source: null,
  eventId: null,
  reason: 'test',
  createdAt: AT,
  replayedAt: null,
});
const delivery: Delivery = { headers: { 'x-github-event': 'issues' }, body: { action: 'opened' } };
const deadLetter = { id: 'e1', contractid: '0b8f6a2c-5d3e-4f1a-9c7b-2e4d6f8a0b1c' };

/** Strict fakes recording every call: the store holds three entries; intake and sender answer fixed results. */
function setup() {
  const entries = new Map([
    ['1', entry('1', 'webhook', 'github', delivery)],
    ['2', entry('2', 'pipeline', null, deadLetter)],
    ['3', entry('3', 'webhook', 'github', 'not a delivery')],
  ]);
  const calls = { converted: [] as [Tool, Delivery, string][], sent: [] as [unknown[], EntryPoint][], marked: [] as string[] };
  const repo: Pick<QuarantineRepository, 'find' | 'markReplayed'> = {
    find: (id) => Promise.resolve(entries.get(id) ?? null),
    markReplayed: (id) => {
      calls.marked.push(id);
      return Promise.resolve(entries.has(id) ? AT : null);
    },
  };
  const intake: Pick<WebhookIntakeService, 'convert'> = {
    convert: (tool, payload, mode) => {
      calls.converted.push([tool, payload, mode]);
      return Promise.resolve({ accepted: 2 });
    },
  };
  const sender: Pick<CanonicalEventSender, 'send'> = {
    send: (inputs, via) => {
      calls.sent.push([[...inputs], via]);
      return Promise.resolve(inputs.length);
    },
  };
  const service = new QuarantineService(repo as QuarantineRepository, intake as WebhookIntakeService, sender as CanonicalEventSender);
  return { service, calls };
}

describe('QuarantineService.replay', () => {
  it('runs a webhook delivery through its connector again, then marks it replayed', async () => {
    const { service, calls } = setup();
    await expect(service.replay('1', {})).resolves.toEqual({ id: '1', replayedAt: AT.toISOString(), accepted: 2 });
    expect(calls.converted).toEqual([['github', delivery, 'replay']]);
    expect(calls.sent).toEqual([]);
    expect(calls.marked).toEqual(['1']);
  });

  it('sends a dead letter back as it was, or for the contract the admin names', async () => {
    const { service, calls } = setup();
    await service.replay('2', {});
    const other = '11111111-2222-4333-8444-555555555555';
    await service.replay('2', { contractid: other });
    expect(calls.sent).toEqual([
      [[deadLetter], 'replay'],
      [[{ ...deadLetter, contractid: other }], 'replay'],
    ]);
    expect(calls.converted).toEqual([]);
  });

  it('refuses an entry without a replayable delivery, and an unknown one, marking nothing', async () => {
    const { service, calls } = setup();
    await expect(service.replay('3', {})).rejects.toThrow(BadRequestException);
    await expect(service.replay('9', {})).rejects.toThrow(NotFoundException);
    expect(calls.marked).toEqual([]);
  });
});
