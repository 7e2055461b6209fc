/** Work on a list, with a way to stay alive in the consumer group while it runs. */
export type ListWork<T, R> = (items: T[], heartbeat: () => Promise<void>) => Promise<R>;

interface Waiting<T, R> {
  items: T[];
  heartbeat: () => Promise<void>;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs `work` once at a time, each run on everything handed in since the previous one began, and
 * gives every caller that run's result. kafkajs hands over the batches of one fetch, one per
 * partition, all in the same turn, so they are stored as one: a fetch costs one transaction's
 * round trips and statements however many partitions it spans.
 */
export class MergedRuns<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private draining = false;

  constructor(private readonly work: ListWork<T, R>) {}

  run(items: T[], heartbeat: () => Promise<void>): Promise<R> {
    const result = new Promise<R>((resolve, reject) => this.waiting.push({ items, heartbeat, resolve, reject }));
    if (!this.draining) {
      this.draining = true;
      // After this turn: the other partitions' batches of the same fetch join this run.
      setImmediate(() => void this.drain());
    }
    return result;
  }

  private async drain(): Promise<void> {
    while (this.waiting.length) {
      const callers = this.waiting;
      this.waiting = [];
      try {
        const result = await this.work(
          callers.flatMap((c) => c.items),
          () => callers[0].heartbeat(),
        );
        for (const caller of callers) caller.resolve(result);
      } catch (error) {
        for (const caller of callers) caller.reject(error);
      }
    }
    this.draining = false;
  }
}
