import { unlessStalled } from './end-to-end-run';
import { latencySummary, LatencySummary, sleep } from './stats';

/**
 * Probe events sent one at a time on a fixed schedule and timed from `start` until the other end
 * saw them: from the send's answer (`accepted`: the API's 202), or from the send itself (`sent`:
 * a raw producer's consumer may see a message before the producer has its acknowledgement).
 * A probe that arrives before its acceptance was read counts as 0 ms.
 */
export class ProbeTracker {
  constructor(private readonly from: 'sent' | 'accepted') {}

  private readonly start: number[] = [];
  private readonly received: number[] = [];
  private lastMove = Date.now();

  /** Probe `index` arrived now. */
  receive(index: number): void {
    if (this.received[index] !== undefined) return;
    this.received[index] = performance.now();
    this.lastMove = Date.now();
  }

  /** Every probe below `count` arrived now (or earlier). */
  receiveAllBelow(count: number): void {
    for (let i = 0; i < count; i++) this.receive(i);
  }

  /** Sends `count` probes `intervalMs` apart (later when a send takes longer), then waits for all of them. */
  async run(count: number, intervalMs: number, send: (index: number) => Promise<unknown>): Promise<LatencySummary> {
    const first = this.start.length;
    const started = performance.now();
    for (let k = 0; k < count; k++) {
      await sleep(Math.max(0, started + k * intervalMs - performance.now()));
      const index = first + k;
      const sent = performance.now();
      await send(index);
      this.start[index] = this.from === 'sent' ? sent : performance.now();
    }
    this.lastMove = Date.now();
    const arrived = async () => {
      while (this.received.slice(first, first + count).filter((r) => r !== undefined).length < count) await sleep(5);
    };
    await unlessStalled(
      arrived(),
      () => this.lastMove,
      () => `${this.received.filter(Boolean).length} probes arrived`,
    );
    return latencySummary(this.start.slice(first).map((a, k) => Math.max(0, this.received[first + k] - a)));
  }
}
