import type { ContractRow } from '@rapport/db';
import { PipelineMetrics } from '../metrics/pipeline-metrics';
import type { ScorecardRefresher } from './scorecard-refresher.service';
import { ContractScoring, LIVE_CADENCE, ScoringLoop, TREND_CADENCE } from './scoring-loop';

/** A refresher whose passes finish when the test says so, recording which contracts each pass got. */
class HeldRefresher {
  readonly passes: string[][] = [];
  readonly windows: string[][] = [];
  private release: (() => void)[] = [];
  failNext = false;

  refresh(contracts: ContractRow[], { windows = [] }: { windows?: string[] } = {}): Promise<unknown> {
    this.passes.push(contracts.map((c) => c.id));
    this.windows.push(windows);
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('boom'));
    }
    return new Promise<void>((resolve) => this.release.push(resolve));
  }

  finishPass(): void {
    this.release.shift()?.();
  }
}

const contract = (id: string) => ({ id }) as ContractRow;
const settled = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe('ScoringLoop', () => {
  let refresher: HeldRefresher;
  let loop: ScoringLoop;

  beforeEach(() => {
    refresher = new HeldRefresher();
    loop = new ScoringLoop(refresher as unknown as ScorecardRefresher, new PipelineMetrics(), { ...LIVE_CADENCE, minIntervalMs: 0 });
  });

  it('scores every contract asked for during a pass once, in the next pass, and settles each call with its pass', async () => {
    const first = loop.score([contract('A')]);
    const second = loop.score([contract('A'), contract('B')]);
    const third = loop.score([contract('B'), contract('C')]);
    expect(refresher.passes).toEqual([['A']]);

    refresher.finishPass();
    expect(await settled(first)).toBe(true);
    expect(await settled(second)).toBe(false);
    expect(refresher.passes).toEqual([['A'], ['A', 'B', 'C']]);

    refresher.finishPass();
    expect(await settled(second)).toBe(true);
    expect(await settled(third)).toBe(true);
    expect(refresher.passes).toHaveLength(2);
  });

  it('goes on after a pass that throws, and starts again when asked after it went idle', async () => {
    refresher.failNext = true;
    await loop.score([contract('A')]);
    const later = loop.score([contract('B')]);
    refresher.finishPass();
    await later;
    expect(refresher.passes).toEqual([['A'], ['B']]);
  });
});

describe('ScoringLoop with a share of the time and a minimum interval per contract', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it('waits after a pass for as long as keeps it to its share, then takes everything asked for meanwhile', async () => {
    const refresher = new HeldRefresher();
    const loop = new ScoringLoop(refresher as unknown as ScorecardRefresher, new PipelineMetrics(), { ...TREND_CADENCE, share: 0.2 });
    const first = loop.score([contract('A')]);
    await jest.advanceTimersByTimeAsync(500); // the pass takes 500 ms: the next waits 500 × (1 / 0.2 − 1) = 2000 ms
    refresher.finishPass();
    await first;
    const second = loop.score([contract('B')]);
    await jest.advanceTimersByTimeAsync(1999);
    loop.score([contract('A')]).catch(() => undefined);
    expect(refresher.passes).toEqual([['A']]);
    await jest.advanceTimersByTimeAsync(1);
    expect(refresher.passes).toEqual([['A'], ['B', 'A']]);
    refresher.finishPass();
    expect(await settled(second)).toBe(true);
  });

  it('scores a contract at most once per interval, the newest state; one not scored within it is scored at once, even while another waits', async () => {
    const refresher = new HeldRefresher();
    const loop = new ScoringLoop(refresher as unknown as ScorecardRefresher, new PipelineMetrics(), LIVE_CADENCE);
    const first = loop.score([contract('A')]);
    await jest.advanceTimersByTimeAsync(10); // a pass of 10 ms: A is due again 100 ms after it began
    refresher.finishPass();
    await first;
    const again = loop.score([contract('A')]);
    loop.score([contract('A')]).catch(() => undefined);
    await jest.advanceTimersByTimeAsync(10);
    expect(refresher.passes).toEqual([['A']]);
    const other = loop.score([contract('B')]); // the loop waits for A; B was never scored
    await jest.advanceTimersByTimeAsync(0);
    expect(refresher.passes).toEqual([['A'], ['B']]);
    refresher.finishPass();
    expect(await settled(other)).toBe(true);
    await jest.advanceTimersByTimeAsync(LIVE_CADENCE.minIntervalMs - 21);
    expect(refresher.passes).toEqual([['A'], ['B']]);
    await jest.advanceTimersByTimeAsync(1);
    expect(refresher.passes).toEqual([['A'], ['B'], ['A']]);
    refresher.finishPass();
    expect(await settled(again)).toBe(true);
  });

  it('starts a pass at once when the previous one began longer ago than the interval', async () => {
    const refresher = new HeldRefresher();
    const loop = new ScoringLoop(refresher as unknown as ScorecardRefresher, new PipelineMetrics(), LIVE_CADENCE);
    const first = loop.score([contract('A')]);
    refresher.finishPass();
    await first;
    await jest.advanceTimersByTimeAsync(LIVE_CADENCE.minIntervalMs);
    loop.score([contract('B')]).catch(() => undefined);
    expect(refresher.passes).toEqual([['A'], ['B']]);
  });
});

describe('ContractScoring', () => {
  it('scores the live window at once and the others in their own pass; `live` settles without waiting for them', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    try {
      const refresher = new HeldRefresher();
      const scoring = new ContractScoring(refresher as unknown as ScorecardRefresher, new PipelineMetrics());
      const { live, all } = scoring.score([contract('A')]);
      expect(refresher.windows).toEqual([LIVE_CADENCE.windows, TREND_CADENCE.windows]);
      refresher.finishPass();
      expect(await settled(live)).toBe(true);
      expect(await settled(all)).toBe(false);
      refresher.finishPass();
      expect(await settled(all)).toBe(true);
      expect(LIVE_CADENCE.windows).toEqual(['30d']);
      expect([...TREND_CADENCE.windows].sort()).toEqual(['7d', '90d']);
    } finally {
      jest.useRealTimers();
    }
  });
});
