import { Injectable, Logger } from '@nestjs/common';
import { WINDOWS, WindowName } from '@rapport/contracts';
import { ALL, ContractRepository, ContractRow, latestKey, scoreMoved, SnapshotRepository } from '@rapport/db';
import { ScorecardService } from '@rapport/scoring';
import { ProjectionService } from '../projection/projection.service';
import { HistoryRebuilder } from '../scoring/history-rebuilder.service';

export interface ReplaySummary {
  contracts: number;
  events: number;
  subjects: number;
}

/**
 * Recomputes everything derived from the event log. `replayAll` is the critical path: every
 * projection, then the live scorecards as the pipeline keeps them; it leaves every contract's
 * hourly history marked stale from its first event. `finishHistory` (or any running pipeline's
 * background flush) rebuilds that history afterwards. Run it with the pipeline stopped; it gives
 * the numbers the live pipeline gave.
 */
@Injectable()
export class ReplayService {
  private readonly logger = new Logger(ReplayService.name);

  constructor(
    private readonly contracts: ContractRepository,
    private readonly projections: ProjectionService,
    private readonly scorecards: ScorecardService,
    private readonly snapshots: SnapshotRepository,
    private readonly history: HistoryRebuilder,
  ) {}

  async replayAll(now = new Date()): Promise<ReplaySummary> {
    const contracts = await this.contracts.list(ALL);
    const { events, subjects } = await this.projections.refoldAll(new Map(contracts.map((c) => [c.id, c])));
    await this.scoreLive(contracts, now);
    this.logger.log(`replayed ${events} events of ${contracts.length} contracts: ${subjects} subjects`);
    return { contracts: contracts.length, events, subjects };
  }

  /** Rebuilds the stale hourly history (a running pipeline shares the work); returns the points written. */
  finishHistory(): Promise<number> {
    return this.history.rebuildMarked();
  }

  /** Every window as of `at`, with a live point where the score or band moved, as the pipeline keeps them. */
  private async scoreLive(contracts: ContractRow[], at: Date): Promise<void> {
    const [facts, previous] = await Promise.all([
      this.scorecards.factsOfMany(contracts, at, at),
      this.snapshots.latest(contracts.map((c) => c.id)),
    ]);
    const views = contracts.flatMap((contract) =>
      (Object.keys(WINDOWS) as WindowName[]).map((window) => this.scorecards.evaluate(contract, facts.get(contract.id)!, window, at)),
    );
    await this.snapshots.saveLive(views.filter((v) => scoreMoved(previous.get(latestKey(v.contractId, v.window)), v)));
  }
}
