import { Injectable, Logger } from '@nestjs/common';
import { LIVE_WINDOW, ScorecardView, TOPICS, UpdateMessage, WINDOW_NAMES, WindowName } from '@rapport/contracts';
import { AlertRepository, ContractRow, latestKey, scoreMoved, SnapshotRepository } from '@rapport/db';
import { KafkaService } from '@rapport/kafka';
import { ScorecardService } from '@rapport/scoring';
import { AlertDraft, alertsBetween } from './alert-rules';
import { LiveFacts, ScoringFacts } from './live-facts';
import { TimeSlice } from './time-slice';

export interface RefreshOptions {
  /** Alerts found elsewhere (e.g. passed deadlines), stored and pushed with the update. */
  raised?: Map<string, AlertDraft[]>;
  /** The windows scored; all by default. The live scorecard is pushed, and alerts raised, only with the live window. */
  windows?: WindowName[];
}

export interface RefreshResult {
  live: ScorecardView[];
  /** Contracts that could not be refreshed now; they are retried by `retryFailed`. */
  failed: string[];
}

/**
 * Recomputes contracts' scorecards as of now, keeps them as history, raises alerts on the way and
 * publishes the updates for the API's socket gateway. However many contracts a call gets, the
 * reads and writes are a fixed handful of statements. Scores are derived from stored
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
    private readonly liveFacts: LiveFacts,
  ) {}

  async refresh(contracts: ContractRow[], { raised = new Map(), windows = WINDOW_NAMES }: RefreshOptions = {}): Promise<RefreshResult> {
    if (!contracts.length) return { live: [], failed: [] };
    try {
      const ids = contracts.map((c) => c.id);
      const [facts, previous] = await Promise.all([this.liveFacts.of(contracts, { windows }), this.snapshots.latest(ids)]);
      const scored: { contract: ContractRow; views: ScorecardView[] }[] = [];
      // A contract scored from its tickets (an instant its kept KPIs cannot answer) takes milliseconds: other batches' statements are answered in between.
      const slice = new TimeSlice();
      for (const contract of contracts) {
        const views: ScorecardView[] = [];
        for (const window of windows) {
          const view = this.score(contract, facts.get(contract.id)!, window);
          await slice.pause();
          if (!view) break;
          views.push(view);
        }
        if (views.length === windows.length) scored.push({ contract, views });
      }
      const changed = scored.flatMap(({ views }) => views.filter((v) => scoreMoved(previous.get(latestKey(v.contractId, v.window)), v)));
      const publish = async () => {
        const messages: UpdateMessage[] = [];
        for (const { contract, views } of scored) {
          const live = liveOf(views);
          if (!live) continue;
          messages.push({ kind: 'scorecard.updated', vendorId: live.vendorId, contractId: live.contractId, scorecard: live });
          const drafts = [
            ...(raised.get(contract.id) ?? []),
            ...alertsBetween(previous.get(latestKey(contract.id, LIVE_WINDOW)) ?? null, live),
          ];
          messages.push(...(await this.raise(contract, drafts)));
        }
        await this.kafka.send(
          TOPICS.updates,
          messages.map((m) => ({ key: m.contractId, value: m })),
        );
      };
      // A history point per change of score or band (KPI-only changes are still pushed), stored while
      // the updates go out: should either fail, the whole refresh is retried, and alerts raised once.
      await Promise.all([this.snapshots.saveLive(changed), publish()]);
      for (const { contract } of scored) this.failed.delete(contract.id);
      const failed = contracts.filter((c) => this.failed.has(c.id)).map((c) => c.id);
      return { live: scored.flatMap(({ views }) => liveOf(views) ?? []), failed };
    } catch (error) {
      for (const contract of contracts) this.failed.set(contract.id, contract);
      this.logger.warn(`scorecards of ${contracts.length} contract(s) not refreshed (${(error as Error).message}); will retry`);
      return { live: [], failed: contracts.map((c) => c.id) };
    }
  }

  /** Refreshes the contracts whose last refresh failed. */
  async retryFailed(): Promise<void> {
    if (this.failed.size) await this.refresh([...this.failed.values()]);
  }

  /** One window's scorecard; a contract whose scoring throws is kept for a retry instead of failing the others. */
  private score(contract: ContractRow, facts: ScoringFacts, window: WindowName): ScorecardView | null {
    try {
      return this.scorecards.evaluate(contract, facts, window, facts.at, facts.ticketKpis[window]);
    } catch (error) {
      this.failed.set(contract.id, contract);
      this.logger.error(`scorecards of contract ${contract.id} could not be computed: ${(error as Error).message}`);
      return null;
    }
  }

  private async raise(contract: ContractRow, drafts: AlertDraft[]): Promise<UpdateMessage[]> {
    const messages: UpdateMessage[] = [];
    for (const draft of drafts) {
      const alert = await this.alerts.create({ contractId: contract.id, ...draft });
      if (!alert) continue; // raised before (by another instance, or before a restart)
      messages.push({ kind: 'alert.raised', vendorId: alert.vendorId, contractId: alert.contractId, alert });
      this.logger.log(`alert ${alert.kind}: ${alert.message}`);
    }
    return messages;
  }
}

const liveOf = (views: ScorecardView[]): ScorecardView | undefined => views.find((v) => v.window === LIVE_WINDOW);
