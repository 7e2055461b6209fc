/** Work on a list, with a way to stay alive in the consumer group while it runs. */
export type ListWork<T, R> = (items: T[], heartbeat: () => Promise<void>) => Promise<R>;

/** A caller's place in a run: `admitted` once it may hand in more, `result` once its run ended. */
export interface MergedRun<R> {
  admitted: Promise<void>;
  result: Promise<R>;
}

interface Waiting<T, R> {
  items: T[];
  heartbeat: () => Promise<void>;
  start: () => void;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs `work` once at a time, each run on everything handed in since the previous one began, and
 * gives every caller that run's result. kafkajs hands over the batches of one fetch, one per
 * partition, all in the same turn, so they are stored as one: a fetch costs one transaction's
 * round trips and statements however many partitions it spans.
 *
 * A caller is admitted at once while the items waiting for the next run are at most
 * `maxWaitingItems`, else when its run begins: the next fetch goes out while this one waits and
 * an event is read as soon as it is there, not one store later, while memory stays bounded when
 * the stores fall behind.
 */
export class MergedRuns<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private waitingItems = 0;
  private draining = false;

  constructor(
    private readonly work: ListWork<T, R>,
    private readonly maxWaitingItems = 0,
  ) {}

  run(items: T[], heartbeat: () => Promise<void>): MergedRun<R> {
    let start!: () => void;
    const started = new Promise<void>((resolve) => (start = resolve));
    const result = new Promise<R>((resolve, reject) => this.waiting.push({ items, heartbeat, start, resolve, reject }));
    this.waitingItems += items.length;
    const admitted = this.waitingItems <= this.maxWaitingItems ? Promise.resolve() : started;
    if (!this.draining) {
      this.draining = true;
      // After this turn: the other partitions' batches of the same fetch join this run.
      setImmediate(() => void this.drain());
    }
    return { admitted, result };
  }

  private async drain(): Promise<void> {
    while (this.waiting.length) {
      const callers = this.waiting;
      this.waiting = [];
      this.waitingItems = 0;
      for (const caller of callers) caller.start();
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
