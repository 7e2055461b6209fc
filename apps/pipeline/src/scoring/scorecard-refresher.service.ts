import { Injectable, Logger } from '@nestjs/common';
import { LIVE_WINDOW, ScorecardView, TOPICS, UpdateMessage, WINDOWS, WindowName } from '@rapport/contracts';
import { AlertRepository, ContractRow, SnapshotRepository } from '@rapport/db';
import { KafkaService } from '@rapport/kafka';
import { ScorecardService } from '@rapport/scoring';
import { AlertDraft, alertsBetween } from './alert-rules';

export interface RefreshResult {
  live: ScorecardView[];
  /** Contracts that could not be refreshed now; they are retried by `retryFailed`. */
  failed: string[];
}

/**
 * Recomputes a contract's scorecards as of now, keeps them as history, raises alerts on the
 * way and publishes the update for the API's socket gateway. Scores are derived from stored
 * projections, so a contract that fails here loses nothing: it is refreshed again later.
 */
@Injectable()
export class ScorecardRefresher {
  private readonly logger = new Logger(ScorecardRefresher.name);
  private readonly failed = new Map<string, ContractRow>();

  constructor(
    private readonly scorecards: ScorecardService,
    private readonly snapshots: SnapshotRepository,
    private readonly alerts: AlertRepository,
    private readonly kafka: KafkaService,
  ) {}

  /** `raised` are alerts found elsewhere (e.g. passed deadlines), stored and pushed with the update. */
  async refresh(contracts: ContractRow[], at = new Date(), raised = new Map<string, AlertDraft[]>()): Promise<RefreshResult> {
    const result: RefreshResult = { live: [], failed: [] };
    const messages: UpdateMessage[] = [];
    const refreshed: ContractRow[] = [];
    const fail = (failed: ContractRow[], error: unknown) => {
      for (const contract of failed) {
        this.failed.set(contract.id, contract);
        result.failed.push(contract.id);
      }
      this.logger.warn(`scorecards of ${failed.length} contract(s) not refreshed (${(error as Error).message}); will retry`);
    };
    for (const contract of contracts) {
      try {
        const one = await this.refreshOne(contract, at, raised.get(contract.id) ?? []);
        messages.push(...one.messages);
        result.live.push(one.view);
        refreshed.push(contract);
      } catch (error) {
        fail([contract], error);
      }
    }
    try {
      await this.kafka.send(
        TOPICS.updates,
        messages.map((m) => ({ key: m.contractId, value: m })),
      );
      for (const contract of refreshed) this.failed.delete(contract.id);
    } catch (error) {
      fail(refreshed, error);
      result.live = [];
    }
    return result;
  }

  /** Refreshes the contracts whose last refresh failed. */
  async retryFailed(): Promise<void> {
    if (this.failed.size) await this.refresh([...this.failed.values()]);
  }

  private async refreshOne(
    contract: ContractRow,
    at: Date,
    raised: AlertDraft[],
  ): Promise<{ view: ScorecardView; messages: UpdateMessage[] }> {
    const facts = await this.scorecards.factsBetween(contract, at, at);
    const messages: UpdateMessage[] = [];
    let live: ScorecardView | undefined;
    for (const window of Object.keys(WINDOWS) as WindowName[]) {
      const view = this.scorecards.evaluate(contract, facts, window, at);
      const previous = await this.snapshots.latest(contract.id, window);
      // A history point per change of score or band; KPI-only changes are still pushed below.
      if (!previous || previous.score !== view.score || previous.band !== view.band) await this.snapshots.save(view);
      if (window !== LIVE_WINDOW) continue;
      live = view;
      messages.push({ kind: 'scorecard.updated', vendorId: view.vendorId, contractId: view.contractId, scorecard: view });
      for (const draft of [...raised, ...alertsBetween(previous, view)]) {
        const alert = await this.alerts.create({ contractId: contract.id, ...draft });
        if (!alert) continue; // raised before (by another instance, or before a restart)
        messages.push({ kind: 'alert.raised', vendorId: alert.vendorId, contractId: alert.contractId, alert });
        this.logger.log(`alert ${alert.kind}: ${alert.message}`);
      }
    }
    return { view: live!, messages };
  }
}
