import { TimeSlice } from './time-slice';

describe('TimeSlice', () => {
  /** Whether other work (a callback queued behind I/O) ran during `pause`. */
  async function otherWorkRanDuring(pause: () => Promise<void>): Promise<boolean> {
    let ran = false;
    setImmediate(() => (ran = true));
    await pause();
    return ran;
  }

  it('lets other work run only once the slice has gone by, and starts a new slice after it', async () => {
    let now = 1_000;
    const slice = new TimeSlice(10, () => now);
    now = 1_009;
    expect(await otherWorkRanDuring(() => slice.pause())).toBe(false);
    now = 1_010;
    expect(await otherWorkRanDuring(() => slice.pause())).toBe(true);
    now = 1_015;
    expect(await otherWorkRanDuring(() => slice.pause())).toBe(false);
    now = 1_020;
    expect(await otherWorkRanDuring(() => slice.pause())).toBe(true);
  });
});
