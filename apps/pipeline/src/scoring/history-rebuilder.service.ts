import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { ScorecardView, WINDOWS, WindowName } from '@rapport/contracts';
import { ContractRepository, ContractRow, SnapshotRepository } from '@rapport/db';
import { ScorecardService } from '@rapport/scoring';

const HOUR_MS = 60 * 60 * 1000;
/** Trend charts go back at most this far; older late events still count, in the windows. */
export const HISTORY_DAYS = 400;

export const hourFloor = (t: Date): Date => new Date(Math.floor(t.getTime() / HOUR_MS) * HOUR_MS);

/**
 * Hourly history points by event time. A late event changes every hour from its own time on,
 * so contracts are marked dirty from that time and rebuilt in the background, once per burst.
 * The hourly tick and the replay command use the same computation.
 */
@Injectable()
export class HistoryRebuilder {
  private readonly logger = new Logger(HistoryRebuilder.name);
  private readonly dirtySince = new Map<string, Date>();

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
    const facts = await this.scorecards.factsBetween(contract, first, last);
    const views: ScorecardView[] = [];
    for (let t = first.getTime(); t <= last.getTime(); t += HOUR_MS) {
      for (const window of Object.keys(WINDOWS) as WindowName[]) {
        views.push(this.scorecards.evaluate(contract, facts, window, new Date(t)));
      }
      // Long rebuilds are CPU work: let live events through between hours.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await this.snapshots.replaceHourly(contract.id, first, last, views);
    return views.length;
  }
}
