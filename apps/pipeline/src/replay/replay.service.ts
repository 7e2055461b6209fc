import { Injectable, Logger } from '@nestjs/common';
import { ScorecardView, WINDOW_NAMES } from '@rapport/contracts';
import { ALL, ContractRepository, ContractRow, latestKey, scoreMoved, SnapshotRepository } from '@rapport/db';
import { ContractFacts, ScorecardService } from '@rapport/scoring';
import { noStates } from '../projection/folded-states';
import { ProjectionService } from '../projection/projection.service';
import { HistoryRebuilder } from '../scoring/history-rebuilder.service';

export interface ReplaySummary {
  contracts: number;
  events: number;
  subjects: number;
}

/**
 * Recomputes everything derived from the event log. `replayAll` is the critical path: every
 * projection, and every window's live scorecard as of now, kept as the pipeline keeps them (a live
 * point where the score or band moved; no alerts, no pushed updates); it leaves every contract's
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
    const live = new Map<string, ScorecardView[]>();
    // Scored from the states as they are folded: a contract's projections need not be read back.
    const score = (contract: ContractRow, facts: ContractFacts) =>
      live.set(
        contract.id,
        WINDOW_NAMES.map((window) => this.scorecards.evaluate(contract, facts, window, now)),
      );
    const { events, subjects } = await this.projections.refoldAll(new Map(contracts.map((c) => [c.id, c])), score);
    for (const contract of contracts) if (!live.has(contract.id)) score(contract, noStates());
    await this.saveLive([...live.values()].flat());
    this.logger.log(`replayed ${events} events of ${contracts.length} contracts: ${subjects} subjects`);
    return { contracts: contracts.length, events, subjects };
  }

  /** Rebuilds the stale hourly history (a running pipeline shares the work); returns the points written. */
  finishHistory(): Promise<number> {
    return this.history.rebuildMarked();
  }

  /** A live point for each window whose score or band moved, as the pipeline keeps them. */
  private async saveLive(views: ScorecardView[]): Promise<void> {
    const previous = await this.snapshots.latest([...new Set(views.map((v) => v.contractId))]);
    await this.snapshots.saveLive(views.filter((v) => scoreMoved(previous.get(latestKey(v.contractId, v.window)), v)));
  }
}
