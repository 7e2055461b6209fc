import { PipelineProgress, STALL_AFTER_MS } from './pipeline-progress';

const group = (committed: number[], lag: number[], members = 1, state = 'Stable') => ({
  state,
  members,
  partitions: committed.map((c, i) => ({ partition: i, committed: c, lag: lag[i] })),
});

describe('PipelineProgress', () => {
  it('is not OK without members, in a rebalance, or when the group cannot be read', () => {
    const judge = new PipelineProgress();
    expect(judge.judge(undefined, 0)).toEqual({ ok: false, reason: 'consumer group state unknown' });
    expect(judge.judge(group([0], [0], 0, 'Empty'), 0)).toEqual({ ok: false, reason: 'no pipeline worker is consuming' });
    expect(judge.judge(group([0], [0], 1, 'PreparingRebalance'), 0)).toEqual({ ok: false, reason: 'consumer group is PreparingRebalance' });
  });

  it('is OK while idle, however long', () => {
    const judge = new PipelineProgress();
    expect(judge.judge(group([5, 7], [0, 0]), 0).ok).toBe(true);
    expect(judge.judge(group([5, 7], [0, 0]), 10 * STALL_AFTER_MS).ok).toBe(true);
  });

  it('is OK while offsets move under lag, and stalled once they stop moving for too long', () => {
    const judge = new PipelineProgress();
    expect(judge.judge(group([5, 7], [10, 0]), 0).ok).toBe(true);
    expect(judge.judge(group([9, 7], [6, 0]), 20_000).ok).toBe(true);
    expect(judge.judge(group([9, 7], [6, 3]), 20_000 + STALL_AFTER_MS).ok).toBe(true);
    expect(judge.judge(group([9, 7], [6, 3]), 20_001 + STALL_AFTER_MS)).toEqual({
      ok: false,
      reason: 'no progress for 30 s with 9 event(s) waiting',
    });
    // Progress again: OK at once.
    expect(judge.judge(group([12, 7], [3, 3]), 60_000).ok).toBe(true);
  });

  it('counts partitions with nothing committed yet as zero', () => {
    const judge = new PipelineProgress();
    expect(judge.judge(group([-1, -1], [4, 0]), 0).ok).toBe(true);
    expect(judge.judge(group([-1, -1], [4, 0]), STALL_AFTER_MS + 1).ok).toBe(false);
  });
});
