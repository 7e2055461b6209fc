import type { CanonicalEvent } from '@rapport/contracts';
import { BatchMembership, ConsumerOptions, KafkaService, toEventRecords } from '@rapport/kafka';
import type { EachBatchPayload } from 'kafkajs';
import type { DeadLetterService } from './dead-letter.service';
import type { Delivered, EventProcessor, Processed } from './event-processor.service';
import { EventsConsumer } from './events.consumer';

const event = (id: string): CanonicalEvent =>
  ({
    specversion: '1.0',
    id,
    source: 'jira:acme/OPS',
    type: 'ticket.resolved',
    time: '2026-11-02T09:30:00Z',
    contractid: '0b8f6a2c-5d3e-4f1a-9c7b-2e4d6f8a0b1c',
    data: { ticketId: id },
  }) as CanonicalEvent;

/** A fetch's batch of one partition, holding one batch record of the given events. */
function payload(partition: number, ids: string[]): EachBatchPayload {
  const [record] = toEventRecords(ids.map(event));
  const message = { offset: '0', key: Buffer.from(record.key), value: record.value, timestamp: '1700000000000', headers: record.headers };
  return {
    batch: { topic: 'rapport.events.v1', partition, messages: [message] },
    resolveOffset: () => undefined,
    heartbeat: async () => undefined,
  } as unknown as EachBatchPayload;
}

const membership: BatchMembership = { generation: 1, later: () => undefined, commit: async () => true };
/** Two turns: a batch is handed to its lane after its dead letters are written, and the lane starts its store a turn later. */
const stored = async () => {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
};

/** A consumer whose processor records each store's events and finishes it only when the test says so. */
function consumerWithStores() {
  const stores: { ids: string[]; finish: () => void }[] = [];
  const processor = {
    process: (delivered: Delivered[]) =>
      new Promise<Processed>((resolve) =>
        stores.push({
          ids: delivered.map((d) => d.event.id),
          finish: () => resolve({ stored: delivered.length, duplicates: 0, quarantined: 0, scored: Promise.resolve() }),
        }),
      ),
  } as unknown as EventProcessor;
  let eachBatch!: ConsumerOptions['eachBatch'];
  const kafka = { consume: (options: ConsumerOptions) => (eachBatch = options.eachBatch) } as unknown as KafkaService;
  const deadLetters = { reject: async () => undefined } as unknown as DeadLetterService;
  new EventsConsumer(kafka, processor, deadLetters).onApplicationBootstrap();
  return { stores, handle: (p: EachBatchPayload) => eachBatch(p, membership) };
}

describe('EventsConsumer', () => {
  it('stores one fetch in two lanes at once, partitions by parity, each lane its partitions’ batches as one store', async () => {
    const { stores, handle } = consumerWithStores();
    const handled = [handle(payload(0, ['a'])), handle(payload(1, ['b'])), handle(payload(2, ['c'])), handle(payload(3, ['d']))];
    await stored();

    // Both lanes' stores are in flight together, neither waiting for the other to finish.
    expect(stores.map((s) => s.ids)).toEqual([
      ['a', 'c'],
      ['b', 'd'],
    ]);
    stores.forEach((s) => s.finish());
    await Promise.all(handled);
  });

  it('keeps a lane to one store at a time: what its partitions bring meanwhile waits for the next', async () => {
    const { stores, handle } = consumerWithStores();
    const first = handle(payload(0, ['a']));
    await stored();
    const second = handle(payload(2, ['c']));
    const other = handle(payload(1, ['b']));
    await stored();

    expect(stores.map((s) => s.ids)).toEqual([['a'], ['b']]);
    stores[0].finish();
    await stored();
    expect(stores.map((s) => s.ids)).toEqual([['a'], ['b'], ['c']]);
    stores.slice(1).forEach((s) => s.finish());
    await Promise.all([first, second, other]);
  });
});
