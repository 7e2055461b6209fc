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

describe('MergedRuns', () => {
  it('runs the lists handed in during one turn as one, and gives each caller that run’s result', async () => {
    const { runs, work } = controlledWork();
    const merged = new MergedRuns(work);
    const first = merged.run(['a', 'b'], noHeartbeat);
    const second = merged.run(['c'], noHeartbeat);
    await nextTurn();
    expect(runs.map((r) => r.items)).toEqual([['a', 'b', 'c']]);
    runs[0].finish();
    await expect(first).resolves.toBe('a+b+c');
    await expect(second).resolves.toBe('a+b+c');
  });

  it('holds what comes while a run is busy for one next run, started as soon as the busy one ends', async () => {
    const { runs, work } = controlledWork();
    const merged = new MergedRuns(work);
    const first = merged.run(['a'], noHeartbeat);
    await nextTurn();
    const later = [merged.run(['b'], noHeartbeat), merged.run(['c'], noHeartbeat)];
    await nextTurn();
    expect(runs).toHaveLength(1);
    runs[0].finish();
    await first;
    await nextTurn();
    expect(runs.map((r) => r.items)).toEqual([['a'], ['b', 'c']]);
    runs[1].finish();
    await expect(Promise.all(later)).resolves.toEqual(['b+c', 'b+c']);
  });

  it('fails every caller of a failed run, and runs what came meanwhile all the same', async () => {
    const { runs, work } = controlledWork();
    const merged = new MergedRuns(work);
    const failing = [merged.run(['a'], noHeartbeat), merged.run(['b'], noHeartbeat)];
    await nextTurn();
    const after = merged.run(['c'], noHeartbeat);
    runs[0].finish(new Error('database out of reach'));
    await expect(failing[0]).rejects.toThrow('database out of reach');
    await expect(failing[1]).rejects.toThrow('database out of reach');
    await nextTurn();
    runs[1].finish();
    await expect(after).resolves.toBe('c');
  });

  it('keeps the run alive in the group through the first caller’s heartbeat', async () => {
    let beats = 0;
    const merged = new MergedRuns(async (items: string[], heartbeat) => {
      await heartbeat();
      return items.length;
    });
    const counted = merged.run(['a'], async () => void beats++);
    await expect(counted).resolves.toBe(1);
    expect(beats).toBe(1);
  });
});
