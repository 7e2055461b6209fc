import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { ScorecardView, WINDOWS, WindowName } from '@rapport/contracts';
import { ContractRepository, ContractRow, SnapshotRepository } from '@rapport/db';
import { ScorecardService } from '@rapport/scoring';

const HOUR_MS = 60 * 60 * 1000;
/**
 * Hourly points are kept this far back: as far as the longest window, so a trend is available for
 * every window's span. Older late events still count in the windows; they just draw no older points.
 */
export const HISTORY_DAYS = 90;
/** Points are written a day at a time, so that a stopped rebuild keeps what it finished. */
const HOURS_PER_WRITE = 24;

export const hourFloor = (t: Date): Date => new Date(Math.floor(t.getTime() / HOUR_MS) * HOUR_MS);

/**
 * Hourly history points by event time. A late event changes every hour from its own time on,
 * so contracts are marked dirty from that time and rebuilt in the background, once per burst.
 * The hourly tick and the replay command use the same computation.
 */
@Injectable()
export class HistoryRebuilder implements OnApplicationShutdown {
  private readonly logger = new Logger(HistoryRebuilder.name);
  private readonly dirtySince = new Map<string, Date>();
  private stopping = false;
  private flushing = false;

  constructor(
    private readonly contracts: ContractRepository,
    private readonly scorecards: ScorecardService,
    private readonly snapshots: SnapshotRepository,
  ) {}

  /** Hourly points at or after `time` are stale (only past hours exist, so only late events matter). */
  markDirty(contractId: string, time: Date): void {
    if (time >= hourFloor(new Date())) return;
    const known = this.dirtySince.get(contractId);
    if (!known || time < known) this.dirtySince.set(contractId, time);
  }

  @Interval(10_000)
  async flush(): Promise<void> {
    // One rebuild at a time: a burst of late events must not stack rebuilds on the event loop.
    if (this.flushing) return;
    this.flushing = true;
    try {
      await this.rebuildDirty();
    } finally {
      this.flushing = false;
    }
  }

  private async rebuildDirty(): Promise<void> {
    const dirty = [...this.dirtySince.entries()];
    this.dirtySince.clear();
    for (const contract of await this.contracts.findByIds(dirty.map(([id]) => id))) {
      const since = dirty.find(([id]) => id === contract.id)![1];
      try {
        await this.rebuild(contract, since, new Date());
      } catch (error) {
        this.markDirty(contract.id, since);
        this.logger.error(`history rebuild of ${contract.id} failed: ${(error as Error).message}`);
      }
    }
  }

  /** Recomputes and stores the hourly points of every window from `from` to `to`. */
  async rebuild(contract: ContractRow, from: Date, to: Date): Promise<number> {
    const oldest = to.getTime() - HISTORY_DAYS * 24 * HOUR_MS;
    const first = hourFloor(new Date(Math.max(from.getTime(), oldest)));
    const last = hourFloor(to);
    if (first > last) return 0;
    let written = 0;
    // One read for the whole range: each ticket's outcomes are then computed once, not once per hour.
    const facts = await this.scorecards.factsBetween(contract, first, last);
    for (let from = first.getTime(); from <= last.getTime() && !this.stopping; from += HOURS_PER_WRITE * HOUR_MS) {
      const to = Math.min(from + (HOURS_PER_WRITE - 1) * HOUR_MS, last.getTime());
      const views: ScorecardView[] = [];
      for (let t = from; t <= to; t += HOUR_MS) {
        for (const window of Object.keys(WINDOWS) as WindowName[]) {
          views.push(this.scorecards.evaluate(contract, facts, window, new Date(t)));
        }
        // Long rebuilds are CPU work: let live events through between hours.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await this.snapshots.replaceHourly(contract.id, new Date(from), new Date(to), views);
      written += views.length;
    }
    return written;
  }

  /** A rebuild in progress stops at its next day boundary; `npm run replay` or the next late event redoes the rest. */
  onApplicationShutdown(): void {
    this.stopping = true;
  }
}
