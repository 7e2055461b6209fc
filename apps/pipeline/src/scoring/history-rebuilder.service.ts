import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { ScorecardView, WINDOW_NAMES } from '@rapport/contracts';
import {
  ClaimedMark,
  ContractRepository,
  ContractRow,
  HistoryMark,
  HistoryMarkRepository,
  SnapshotRepository,
  SqlRunner,
} from '@rapport/db';
import { ScorecardService } from '@rapport/scoring';

const HOUR_MS = 60 * 60 * 1000;
/**
 * Hourly points are kept this far back: as far as the longest window, so a trend is available for
 * every window's span. Older late events still count in the windows; they just draw no older points.
 */
export const HISTORY_DAYS = 90;
/** Points are written a day at a time, so that a stopped rebuild keeps what it finished. */
const HOURS_PER_WRITE = 24;
/** How long a claimed rebuild may go without storing a day before another worker takes it over. */
const CLAIM_LEASE_MS = 5 * 60_000;
/** A rebuild that failed is tried again after this long (by any worker). */
const FAILED_RETRY_MS = 60_000;

export const hourFloor = (t: Date): Date => new Date(Math.floor(t.getTime() / HOUR_MS) * HOUR_MS);

/**
 * The hourly point of the next hour may be computed before a transaction storing events now
 * commits: events stored this close before an hour ends count as late, so that point is rebuilt.
 */
const HOUR_END_MARGIN_MS = 5 * 60_000;

/** Events before this, stored at `now`, may be missing from a stored hourly point: their history is stale. */
export const staleBefore = (now: Date): Date => hourFloor(new Date(now.getTime() + HOUR_END_MARGIN_MS));

/** The claim of a rebuild went to another worker (its lease ran out): this one stops and touches the mark no more. */
class ClaimLost extends Error {}

/**
 * Hourly history points by event time. A late event changes every hour from its own time on, so
 * its contract is marked stale from that time, in the database (HistoryMarkRepository), and rebuilt
 * in the background by whichever worker claims the mark, one rebuild at a time per process. A mark
 * is cleared only once its rebuild is stored, so a crash or a restart loses none. The hourly tick,
 * the background flush and the replay command use the same computation.
 */
@Injectable()
export class HistoryRebuilder implements BeforeApplicationShutdown {
  private readonly logger = new Logger(HistoryRebuilder.name);
  private stopping = false;
  /** The rebuild running now, if any: one at a time. */
  private rebuilding?: Promise<number>;

  constructor(
    private readonly contracts: ContractRepository,
    private readonly scorecards: ScorecardService,
    private readonly snapshots: SnapshotRepository,
    private readonly marks: HistoryMarkRepository,
  ) {}

  /**
   * Hourly points at or after each mark's time are stale. Only past hours exist, so only late events
   * matter (see staleBefore). `runner`: the transaction that stores what made them stale, so both
   * are kept or neither.
   */
  async markDirty(marks: HistoryMark[], runner?: SqlRunner): Promise<void> {
    const stale = staleBefore(new Date());
    await this.marks.mark(
      marks.filter((m) => m.since < stale),
      runner,
    );
  }

  @Interval(10_000)
  async flush(): Promise<void> {
    await this.rebuildMarked().catch((error: Error) => this.logger.error(`history rebuild failed: ${error.message}`));
  }

  /**
   * Rebuilds marked contracts one after another until no unclaimed mark is left (or the process
   * stops); returns the points written. A call while one runs returns 0 at once: a burst of late
   * events must not stack rebuilds on the event loop.
   */
  async rebuildMarked(): Promise<number> {
    if (this.rebuilding) return 0;
    this.rebuilding = (async () => {
      let written = 0;
      for (let mark = await this.nextMark(); mark && !this.stopping; mark = await this.nextMark()) {
        written += await this.rebuildClaimed(mark);
      }
      return written;
    })();
    try {
      return await this.rebuilding;
    } finally {
      this.rebuilding = undefined;
    }
  }

  private async nextMark(): Promise<ClaimedMark | null> {
    return this.stopping ? null : this.marks.claim(CLAIM_LEASE_MS);
  }

  private async rebuildClaimed(mark: ClaimedMark): Promise<number> {
    const { contractId, since } = mark;
    try {
      const [contract] = await this.contracts.findByIds([contractId]);
      const written = contract
        ? await this.rebuild(contract, since, new Date(), async (storedUntil) => {
            if (!(await this.marks.progress(mark, storedUntil, CLAIM_LEASE_MS))) throw new ClaimLost();
          })
        : 0;
      if (this.stopping) await this.marks.release(mark);
      else await this.marks.settle(mark);
      return written;
    } catch (error) {
      if (error instanceof ClaimLost) {
        this.logger.warn(`history rebuild of ${contractId} stopped: its lease ran out and another worker took it over`);
        return 0;
      }
      // Should even this fail, the lease runs out and anyone takes it over.
      await this.marks.release(mark, FAILED_RETRY_MS).catch(() => undefined);
      this.logger.error(`history rebuild of ${contractId} failed: ${(error as Error).message}`);
      return 0;
    }
  }

  /**
   * Recomputes and stores the hourly points of every window from `from` to `to`, a day at a time;
   * `stored` hears where a stopped rebuild would have to resume after each day.
   */
  async rebuild(
    contract: ContractRow,
    from: Date,
    to: Date,
    stored: (until: Date) => Promise<void> = async () => undefined,
  ): Promise<number> {
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
        for (const window of WINDOW_NAMES) {
          views.push(this.scorecards.evaluate(contract, facts, window, new Date(t)));
        }
        // Long rebuilds are CPU work: let live events through between hours.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await this.snapshots.replaceHourly(contract.id, new Date(from), new Date(to), views);
      await stored(new Date(to + HOUR_MS));
      written += views.length;
    }
    return written;
  }

  /**
   * A rebuild in progress stops at its next day boundary, and its mark is released for the next
   * start to resume; the shutdown waits for that, before the database pool closes.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.rebuilding?.catch(() => undefined);
  }
}
