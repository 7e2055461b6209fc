import { generateScenarioEvents } from './event-generator';
import { AbortedError, LogLine, oneLine, sleep as realSleep } from './http-retry';
import { PendingQueue } from './pending-queue';
import type { SendResult } from './rapport-client';
import { backfillClock, DAY_MS, liveClock, StoryClock, storyDayAt } from './story-clock';
import type { ProvisionedVendor } from './vendor-provisioner';

/**
 * The simulator's loop: first the back-dated history, then live events forever. Every event
 * waits in a time-ordered queue until its time has come (nothing is ever sent ahead of now),
 * then leaves in batches.
 */
export interface EventSink {
  sendEvents(events: readonly string[]): Promise<SendResult>;
}

export interface SchedulerOptions {
  sink: EventSink;
  vendors: readonly ProvisionedVendor[];
  seed: number;
  /** Simulated minutes per real second in the live phase. */
  speed: number;
  backfillDays: number;
  log: LogLine;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  batchSize?: number;
  tickMs?: number;
  summaryEveryMs?: number;
}

/** Story arc used when there is no backfill to measure it by. */
const DEFAULT_STORY_DAYS = 30;

export class EventScheduler {
  private readonly queue = new PendingQueue();
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly batchSize: number;
  private readonly storyDays: number;
  private totals = { sent: 0, rejected: 0, batches: 0 };
  private window = { sent: 0, since: 0 };
  private lastRejection: { reason: string; at: number; suppressed: number } | null = null;

  constructor(private readonly options: SchedulerOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.batchSize = options.batchSize ?? 500;
    this.storyDays = options.backfillDays || DEFAULT_STORY_DAYS;
  }

  get stats() {
    return { ...this.totals, pending: this.queue.size };
  }

  /** Backfill, then stream live until `signal` aborts. Resolves cleanly on abort. */
  async run(signal: AbortSignal): Promise<void> {
    try {
      const liveStart = await this.backfill(signal);
      await this.live(signal, liveStart);
    } catch (error) {
      if (!(error instanceof AbortedError)) throw error;
    }
    this.options.log(`stopped: ${this.totals.sent} events sent, ${this.totals.rejected} rejected, ${this.queue.size} still pending`);
  }

  /** Sends the history up to now; later follow-ups stay queued. Returns the instant live streaming starts from. */
  async backfill(signal: AbortSignal): Promise<number> {
    const nowMs = this.now();
    const { backfillDays, vendors, seed, log } = this.options;
    if (backfillDays <= 0) return nowMs;
    const began = Date.now();
    for (const v of vendors) {
      const from = Math.max(nowMs - backfillDays * DAY_MS, v.storyStartMs);
      const clock = backfillClock(v.storyStartMs, this.storyDays);
      this.queue.pushAll(
        generateScenarioEvents({ vendor: v.scenario, contractId: v.contractId, seed, from, to: nowMs, clock, includeFuture: true }),
      );
    }
    const due = this.queue.size;
    log(`backfill: ${backfillDays} days for ${vendors.length} contracts, sending events in batches of ${this.batchSize}`);
    await this.flush(nowMs, signal);
    log(
      `backfill done in ${((Date.now() - began) / 1000).toFixed(1)}s: ${this.totals.sent} sent, ${this.totals.rejected} rejected, ` +
        `${this.queue.size} of ${due} planned events wait for their time`,
    );
    return nowMs;
  }

  /** Streams live events from `startMs` on: new arrivals each tick, due follow-ups as their time comes. */
  async live(signal: AbortSignal, startMs: number): Promise<void> {
    const { vendors, seed, speed, log } = this.options;
    const tickMs = this.options.tickMs ?? 1000;
    const summaryEveryMs = this.options.summaryEveryMs ?? 60_000;
    const clocks: StoryClock[] = vendors.map((v) => liveClock(v.storyStartMs, startMs, speed, this.storyDays));
    const runTag = `L${startMs.toString(36)}-`;
    log(`live: ${speed} simulated minutes per second (one simulated day every ${(1440 / speed).toFixed(0)}s)`);
    let generatedUntil = startMs;
    this.window = { sent: this.totals.sent, since: startMs };

    while (!signal.aborted) {
      const nowMs = this.now();
      if (nowMs > generatedUntil) {
        vendors.forEach((v, i) =>
          this.queue.pushAll(
            generateScenarioEvents({
              vendor: v.scenario,
              contractId: v.contractId,
              seed,
              from: generatedUntil,
              to: nowMs,
              clock: clocks[i],
              idPrefix: runTag,
              includeFuture: true,
            }),
          ),
        );
        generatedUntil = nowMs;
      }
      await this.flush(nowMs, signal);
      if (nowMs - this.window.since >= summaryEveryMs) this.summarize(nowMs, clocks[0]);
      await this.sleep(tickMs, signal);
    }
    throw new AbortedError();
  }

  /** Sends every queued event whose time is <= nowMs, oldest first. */
  private async flush(nowMs: number, signal: AbortSignal): Promise<void> {
    for (;;) {
      if (signal.aborted) throw new AbortedError();
      const batch = this.queue.takeDue(nowMs, this.batchSize);
      if (!batch.length) return;
      const result = await this.options.sink.sendEvents(batch);
      this.totals.batches++;
      if (result.ok) {
        this.totals.sent += batch.length;
      } else {
        this.totals.rejected += batch.length;
        this.reportRejection(nowMs, batch.length, `HTTP ${result.status} ${oneLine(result.body)}`);
      }
    }
  }

  /** One line per rejected batch; the same reason again within a minute is only counted. */
  private reportRejection(nowMs: number, size: number, reason: string): void {
    const last = this.lastRejection;
    if (last && last.reason === reason && nowMs - last.at < 60_000) {
      last.suppressed++;
      return;
    }
    const more = last?.suppressed ? ` (${last.suppressed} more batches rejected like the previous one)` : '';
    this.options.log(`batch of ${size} events rejected, skipped: ${reason}${more}`);
    this.lastRejection = { reason, at: nowMs, suppressed: 0 };
  }

  private summarize(nowMs: number, clock: StoryClock | undefined): void {
    const sent = this.totals.sent - this.window.sent;
    const seconds = Math.max((nowMs - this.window.since) / 1000, 1e-3);
    const story = clock ? `, story day ${storyDayAt(clock, nowMs).toFixed(1)}` : '';
    this.options.log(
      `live: +${sent} events (${(sent / seconds).toFixed(1)}/s), total ${this.totals.sent} sent, ` +
        `${this.totals.rejected} rejected, ${this.queue.size} pending${story}`,
    );
    this.window = { sent: this.totals.sent, since: nowMs };
  }
}
