import { MergedRuns } from './merged-runs';

/** Work that records what each run got and finishes only when the test says so. */
function controlledWork() {
  const runs: { items: string[]; finish: (error?: Error) => void }[] = [];
  const work = (items: string[]) =>
    new Promise<string>((resolve, reject) => {
      runs.push({ items, finish: (error) => (error ? reject(error) : resolve(items.join('+'))) });
    });
  return { runs, work };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const noHeartbeat = async () => undefined;
/** Whether a promise has settled by now. */
const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await nextTurn();
  return done;
};

describe('MergedRuns', () => {
  it('runs the lists handed in during one turn as one, and gives each caller that run’s result', async () => {
    const { runs, work } = controlledWork();
    const merged = new MergedRuns(work);
    const first = merged.run(['a', 'b'], noHeartbeat);
    const second = merged.run(['c'], noHeartbeat);
    await nextTurn();
    expect(runs.map((r) => r.items)).toEqual([['a', 'b', 'c']]);
    runs[0].finish();
    await expect(first.result).resolves.toBe('a+b+c');
    await expect(second.result).resolves.toBe('a+b+c');
  });

  it('holds what comes while a run is busy for one next run, started as soon as the busy one ends', async () => {
    const { runs, work } = controlledWork();
    const merged = new MergedRuns(work);
    const first = merged.run(['a'], noHeartbeat);
    await first.admitted;
    const later = [merged.run(['b'], noHeartbeat), merged.run(['c'], noHeartbeat)];
    expect(await settled(later[0].admitted)).toBe(false);
    expect(runs).toHaveLength(1);
    runs[0].finish();
    await first.result;
    await Promise.all(later.map((l) => l.admitted));
    expect(runs.map((r) => r.items)).toEqual([['a'], ['b', 'c']]);
    runs[1].finish();
    await expect(Promise.all(later.map((l) => l.result))).resolves.toEqual(['b+c', 'b+c']);
  });

  it('admits a caller at once while the items waiting for the next run stay within the bound, else when its run begins', async () => {
    const { runs, work } = controlledWork();
    const merged = new MergedRuns(work, 2);
    const first = merged.run(['a'], noHeartbeat);
    await nextTurn();
    const within = merged.run(['b', 'c'], noHeartbeat);
    const beyond = merged.run(['d'], noHeartbeat);
    expect(await settled(within.admitted)).toBe(true);
    expect(await settled(beyond.admitted)).toBe(false);
    runs[0].finish();
    await first.result;
    await beyond.admitted;
    expect(runs.map((r) => r.items)).toEqual([['a'], ['b', 'c', 'd']]);
    // The waiting list is empty again: a caller is admitted at once.
    expect(await settled(merged.run(['e'], noHeartbeat).admitted)).toBe(true);
    runs[1].finish();
    await expect(beyond.result).resolves.toBe('b+c+d');
  });

  it('fails every caller of a failed run, and runs what came meanwhile all the same', async () => {
    const { runs, work } = controlledWork();
    const merged = new MergedRuns(work);
    const failing = [merged.run(['a'], noHeartbeat), merged.run(['b'], noHeartbeat)];
    await nextTurn();
    const after = merged.run(['c'], noHeartbeat);
    runs[0].finish(new Error('database out of reach'));
    await expect(failing[0].result).rejects.toThrow('database out of reach');
    await expect(failing[1].result).rejects.toThrow('database out of reach');
    await after.admitted;
    runs[1].finish();
    await expect(after.result).resolves.toBe('c');
  });

  it('keeps the run alive in the group through the first caller’s heartbeat', async () => {
    let beats = 0;
    const merged = new MergedRuns(async (items: string[], heartbeat) => {
      await heartbeat();
      return items.length;
    });
    const counted = merged.run(['a'], async () => void beats++);
    await expect(counted.result).resolves.toBe(1);
    expect(beats).toBe(1);
  });
});
