import { PipelineProgress, SILENT_AFTER_MS, STALL_AFTER_MS } from './pipeline-progress';

const group = (committed: number[], lag: number[], members = 1, state = 'Stable') => ({
  state,
  members,
  memberIds: Array.from({ length: members }, (_, i) => `m${i}`),
  partitions: committed.map((c, i) => ({ partition: i, committed: c, lag: lag[i] })),
});
/** Every member reported at `at`. */
const seen = (at: number, members = 2) => new Map(Array.from({ length: members }, (_, i) => [`m${i}`, new Date(at)]));

describe('PipelineProgress', () => {
  it('is not OK without members, in a rebalance, or when the group cannot be read', () => {
    const judge = new PipelineProgress();
    expect(judge.judge(undefined, seen(0), 0)).toEqual({ ok: false, reason: 'consumer group state unknown' });
    expect(judge.judge(group([0], [0], 0, 'Empty'), seen(0), 0)).toEqual({ ok: false, reason: 'no pipeline worker is consuming' });
    expect(judge.judge(group([0], [0], 1, 'PreparingRebalance'), seen(0), 0)).toEqual({
      ok: false,
      reason: 'consumer group is PreparingRebalance',
    });
  });

  it('is OK while idle, however long', () => {
    const judge = new PipelineProgress();
    expect(judge.judge(group([5, 7], [0, 0]), seen(0), 0).ok).toBe(true);
    expect(judge.judge(group([5, 7], [0, 0]), seen(10 * STALL_AFTER_MS), 10 * STALL_AFTER_MS).ok).toBe(true);
  });

  it('is OK while offsets move under lag, and stalled once they stop moving for too long', () => {
    const judge = new PipelineProgress();
    expect(judge.judge(group([5, 7], [10, 0]), seen(0), 0).ok).toBe(true);
    expect(judge.judge(group([9, 7], [6, 0]), seen(20_000), 20_000).ok).toBe(true);
    expect(judge.judge(group([9, 7], [6, 3]), seen(20_000 + STALL_AFTER_MS), 20_000 + STALL_AFTER_MS).ok).toBe(true);
    expect(judge.judge(group([9, 7], [6, 3]), seen(20_001 + STALL_AFTER_MS), 20_001 + STALL_AFTER_MS)).toEqual({
      ok: false,
      reason: 'no progress for 30 s with 9 record(s) of events waiting',
    });
    // Progress again: OK at once.
    expect(judge.judge(group([12, 7], [3, 3]), seen(60_000), 60_000).ok).toBe(true);
  });

  it('is not OK while a member has stopped reporting (killed or hung: its partitions wait for its session to time out)', () => {
    const judge = new PipelineProgress();
    const reported = new Map([
      ['m0', new Date(10_000)],
      ['m1', new Date(10_000 - SILENT_AFTER_MS)],
    ]);
    expect(judge.judge(group([1, 1], [0, 0], 2), reported, 10_000).ok).toBe(true);
    expect(judge.judge(group([1, 1], [0, 0], 2), reported, 10_001)).toEqual({
      ok: false,
      reason: '1 of 2 pipeline worker(s) stopped reporting',
    });
    expect(judge.judge(group([1, 1], [0, 0], 2), new Map(), 10_001)).toEqual({
      ok: false,
      reason: '2 of 2 pipeline worker(s) stopped reporting',
    });
  });

  it('counts partitions with nothing committed yet as zero', () => {
    const judge = new PipelineProgress();
    expect(judge.judge(group([-1, -1], [4, 0]), seen(0), 0).ok).toBe(true);
    expect(judge.judge(group([-1, -1], [4, 0]), seen(STALL_AFTER_MS + 1), STALL_AFTER_MS + 1).ok).toBe(false);
  });
});
