import type { ContractRow } from '@rapport/db';
import { PipelineMetrics } from '../metrics/pipeline-metrics';
import type { ScorecardRefresher } from './scorecard-refresher.service';
import { ScoringLoop } from './scoring-loop';

/** A refresher whose passes finish when the test says so, recording which contracts each pass got. */
class HeldRefresher {
  readonly passes: string[][] = [];
  private release: (() => void)[] = [];
  failNext = false;

  refresh(contracts: ContractRow[]): Promise<unknown> {
    this.passes.push(contracts.map((c) => c.id));
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
    loop = new ScoringLoop(refresher as unknown as ScorecardRefresher, new PipelineMetrics());
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
