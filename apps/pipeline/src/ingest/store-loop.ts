import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Delivered, EventProcessor, firstLine } from './event-processor.service';

export interface StoreLimits {
  /** Events queued beyond this make the consumer wait before it hands over another batch. */
  queued: number;
  /** Events applied in one transaction at most (whole batches; a larger batch goes alone). */
  perStore: number;
}

/**
 * 2,000 queued events are a fifth of a second of input at the best measured end-to-end rate
 * (10k events/s) and about 0.6 s of store work (a store costs about 0.3 ms per event): enough
 * that a store always finds a full load queued while the one before runs, few enough that memory
 * stays a few MB and a batch waits behind at most a couple of stores.
 */
export const STORE_LIMITS: StoreLimits = { queued: 2_000, perStore: 2_000 };
export const STORE_LIMITS_TOKEN = Symbol('StoreLimits');

/** How often a consumer waiting for room says it is still alive. */
const HEARTBEAT_MS = 1_000;

interface Queued {
  delivered: Delivered[];
  settle(scored: Promise<void>): void;
  fail(error: unknown): void;
}

/**
 * Stores batches without holding up the consumer: it hands a batch over and fetches again while
 * the batch waits here. Stores run one at a time, each taking everything queued meanwhile (up to
 * `perStore` events, across partitions and contracts) in one transaction, so a busy worker makes
 * fewer, larger transactions instead of waiting for each batch's. One at a time measured better
 * than two: every store of a busy worker touches most contracts, so a second one mostly waits
 * for the first one's projection-version row locks (and partitioning them into lanes of
 * partitions did not help either). A store that fails because the
 * database is out of reach fails its batches and every batch queued behind them: their consumer
 * starts again from the committed offsets, so none of them may commit.
 */
@Injectable()
export class StoreLoop {
  private readonly logger = new Logger(StoreLoop.name);
  private queue: Queued[] = [];
  private queuedEvents = 0;
  private storing = false;
  private room?: { promise: Promise<void>; open: () => void };

  constructor(
    private readonly store: EventProcessor,
    @Optional() @Inject(STORE_LIMITS_TOKEN) private readonly limits: StoreLimits = STORE_LIMITS,
  ) {}

  get queued(): number {
    return this.queuedEvents;
  }

  /**
   * Queues a batch's events once there is room (calling `heartbeat` while it waits). The promise
   * returned within settles once they are stored and their contracts scored, and rejects if the
   * database was out of reach.
   */
  async add(delivered: Delivered[], heartbeat: () => Promise<void> = async () => undefined): Promise<{ done: Promise<void> }> {
    while (this.queuedEvents > this.limits.queued) {
      await this.roomOrTimeout();
      await heartbeat();
    }
    if (!delivered.length) return { done: Promise.resolve() };
    let settle!: (scored: Promise<void>) => void;
    let fail!: (error: unknown) => void;
    const done = new Promise<void>((resolve, reject) => ((settle = resolve), (fail = reject)));
    // Whoever waits for it may attach later; its failure is theirs to handle, not an unhandled one.
    done.catch(() => undefined);
    this.queue.push({ delivered, settle, fail });
    this.queuedEvents += delivered.length;
    this.next();
    return { done };
  }

  private next(): void {
    if (this.storing || !this.queue.length) return;
    this.storing = true;
    void this.storeAll(this.take()).finally(() => {
      this.storing = false;
      this.next();
    });
  }

  /** The queue's first batches, whole, up to the store's cap (at least one). */
  private take(): Queued[] {
    let events = 0;
    let count = 0;
    for (const { delivered } of this.queue) {
      if (count && events + delivered.length > this.limits.perStore) break;
      events += delivered.length;
      count++;
    }
    this.queuedEvents -= events;
    this.openRoom();
    return this.queue.splice(0, count);
  }

  private async storeAll(taken: Queued[]): Promise<void> {
    try {
      const { scored, ...result } = await this.store.process(taken.flatMap((q) => q.delivered));
      this.logger.debug(`store of ${taken.length} batch(es): ${JSON.stringify(result)}`);
      for (const q of taken) q.settle(scored);
    } catch (error) {
      const dropped = this.queue;
      this.queue = [];
      this.queuedEvents = 0;
      this.openRoom();
      this.logger.warn(`store failed (${firstLine(error)}); ${taken.length + dropped.length} batch(es) will be read again`);
      for (const q of [...taken, ...dropped]) q.fail(error);
    }
  }

  private roomOrTimeout(): Promise<void> {
    if (!this.room) {
      let open!: () => void;
      const promise = new Promise<void>((resolve) => (open = resolve));
      this.room = { promise, open };
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, HEARTBEAT_MS)));
    return Promise.race([this.room.promise, timeout]).finally(() => clearTimeout(timer));
  }

  private openRoom(): void {
    if (this.queuedEvents > this.limits.queued || !this.room) return;
    this.room.open();
    this.room = undefined;
  }
}
