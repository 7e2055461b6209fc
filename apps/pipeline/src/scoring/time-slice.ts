import { setImmediate } from 'node:timers/promises';

/**
 * Lets other work run once a slice of time has gone by since the last pause: a long loop (a trend
 * pass over many large contracts) stays out of the way of batches and live passes, and a short
 * one (a live pass) does not wait behind other work once per item.
 */
export class TimeSlice {
  private startedAt: number;

  constructor(
    private readonly sliceMs = 10,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.startedAt = now();
  }

  async pause(): Promise<void> {
    if (this.now() - this.startedAt < this.sliceMs) return;
    await setImmediate();
    this.startedAt = this.now();
  }
}
