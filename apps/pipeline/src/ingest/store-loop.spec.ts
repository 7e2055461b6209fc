import type { CanonicalEvent } from '@rapport/contracts';
import type { Delivered, EventProcessor, Processed } from './event-processor.service';
import { StoreLoop } from './store-loop';

/** A store whose calls finish when the test says so, recording the events (by position) of each call. */
class HeldStore {
  readonly calls: string[][] = [];
  private readonly pending: { resolve: (p: Processed) => void; reject: (e: Error) => void; scored: () => void }[] = [];

  process(delivered: Delivered[]): Promise<Processed> {
    this.calls.push(delivered.map((d) => d.position));
    return new Promise((resolve, reject) => {
      let scored!: () => void;
      const scoring = new Promise<void>((r) => (scored = r));
      this.pending.push({ resolve: (p) => resolve({ ...p, scored: scoring }), reject, scored });
    });
  }

  /** Finishes the oldest call's storing; returns a function that finishes its scoring. */
  stored(): () => void {
    const call = this.pending.shift()!;
    call.resolve({ stored: 0, duplicates: 0, quarantined: 0, scored: Promise.resolve() });
    return call.scored;
  }

  fail(error: Error): void {
    this.pending.shift()!.reject(error);
  }
}

const batch = (partition: number, ...offsets: number[]): Delivered[] =>
  offsets.map((o) => ({ event: { contractid: `C${partition}` } as CanonicalEvent, position: `p${partition}/${o}`, acceptedAt: 0 }));

/** Whether a promise has settled, and how, once everything pending has run. */
const state = async (promise: Promise<unknown>) => {
  let result = 'pending';
  promise.then(
    () => (result = 'done'),
    () => (result = 'failed'),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return result;
};

describe('StoreLoop', () => {
  let store: HeldStore;
  let loop: StoreLoop;

  beforeEach(() => {
    store = new HeldStore();
    loop = new StoreLoop(store as unknown as EventProcessor, { queued: 4, perStore: 5 });
  });

  it('stores the first batch at once and then everything queued meanwhile in one store, across partitions, in order', async () => {
    const first = await loop.add(batch(0, 1, 2));
    const second = await loop.add(batch(1, 7));
    const third = await loop.add(batch(0, 3));
    expect(store.calls).toEqual([['p0/1', 'p0/2']]);

    const scoreFirst = store.stored();
    await state(first.done);
    expect(store.calls).toEqual([
      ['p0/1', 'p0/2'],
      ['p1/7', 'p0/3'],
    ]);
    // Stored is not enough: a batch is done once its contracts are scored too.
    expect(await state(first.done)).toBe('pending');
    scoreFirst();
    expect(await state(first.done)).toBe('done');

    store.stored()();
    expect(await state(second.done)).toBe('done');
    expect(await state(third.done)).toBe('done');
    expect(store.calls).toHaveLength(2);
  });

  it('takes whole batches up to the per-store cap, and a batch above the cap alone', async () => {
    await loop.add(batch(0, 1));
    await loop.add(batch(0, 2, 3, 4, 5));
    await loop.add(batch(1, 1, 2));
    store.stored();
    await state(Promise.resolve());
    // 4 + 2 events would pass the cap of 5: the 4 go first, alone.
    expect(store.calls.slice(1)).toEqual([['p0/2', 'p0/3', 'p0/4', 'p0/5']]);
    store.stored();
    await state(Promise.resolve());
    expect(store.calls.slice(2)).toEqual([['p1/1', 'p1/2']]);

    store.stored();
    await state(Promise.resolve());
    const big = batch(2, 1, 2, 3, 4, 5, 6, 7);
    await loop.add(big);
    expect(store.calls.slice(3)).toEqual([big.map((d) => d.position)]);
  });

  it('makes the consumer wait while more events than the limit are queued, and lets it go once a store takes them', async () => {
    await loop.add(batch(0, 1)); // storing
    await loop.add(batch(0, 2, 3)); // queued: 2
    await loop.add(batch(1, 1, 2, 3)); // queued: 5, above the limit of 4
    expect(loop.queued).toBe(5);
    const heartbeats: number[] = [];
    const waiting = loop.add(batch(1, 4), async () => void heartbeats.push(Date.now()));
    expect(await state(waiting)).toBe('pending');

    store.stored();
    expect(await state(waiting)).toBe('done');
    // The store in flight took all 5 (its cap), then the new batch was queued behind it.
    expect(store.calls[1]).toEqual(['p0/2', 'p0/3', 'p1/1', 'p1/2', 'p1/3']);
    expect(loop.queued).toBe(1);
    expect(heartbeats).toHaveLength(1);
  });

  it('fails the batches of a store that throws and drops every batch queued behind them, then goes on with new ones', async () => {
    const first = await loop.add(batch(0, 1));
    const queued = [await loop.add(batch(0, 2)), await loop.add(batch(1, 5))];
    store.fail(new Error('database out of reach'));
    await expect(first.done).rejects.toThrow('database out of reach');
    for (const q of queued) await expect(q.done).rejects.toThrow('database out of reach');
    // None of the dropped batches was stored: their consumer reads them again.
    expect(store.calls).toEqual([['p0/1']]);
    expect(loop.queued).toBe(0);

    const next = await loop.add(batch(0, 1));
    expect(store.calls).toEqual([['p0/1'], ['p0/1']]);
    store.stored()();
    expect(await state(next.done)).toBe('done');
  });

  it('settles an empty batch at once, without a store', async () => {
    const { done } = await loop.add([]);
    expect(await state(done)).toBe('done');
    expect(store.calls).toEqual([]);
  });

  it('runs one store at a time', async () => {
    await loop.add(batch(0, 1));
    await loop.add(batch(1, 1));
    expect(store.calls).toEqual([['p0/1']]);
    store.stored();
    await state(Promise.resolve());
    expect(store.calls).toEqual([['p0/1'], ['p1/1']]);
  });
});
