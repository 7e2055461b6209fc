/**
 * At most one delivery per key per interval, and the last value always delivered: a contract
 * whose scorecard changes many times a second (a backfill) costs its viewers one redraw per
 * interval, and the screen still ends on the newest scorecard.
 */
export class UpdateCoalescer<T> {
  private readonly lastSent = new Map<string, number>();
  private readonly pending = new Map<string, { value: T; timer: NodeJS.Timeout }>();

  constructor(
    private readonly deliver: (value: T) => void,
    private readonly intervalMs = 100,
    private readonly now: () => number = Date.now,
  ) {}

  push(key: string, value: T): void {
    const waiting = this.pending.get(key);
    if (waiting) {
      waiting.value = value; // only the newest value of a burst matters
      return;
    }
    const wait = (this.lastSent.get(key) ?? -Infinity) + this.intervalMs - this.now();
    if (wait <= 0) return this.send(key, value);
    const timer = setTimeout(() => {
      const latest = this.pending.get(key)!.value;
      this.pending.delete(key);
      this.send(key, latest);
    }, wait);
    timer.unref();
    this.pending.set(key, { value, timer });
  }

  /** Drops what is still waiting (on shutdown). */
  clear(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private send(key: string, value: T): void {
    this.lastSent.set(key, this.now());
    this.deliver(value);
  }
}
