import { Injectable, Logger } from '@nestjs/common';
import { ScorecardView, TOPICS, UpdateMessage, WINDOWS, WindowName } from '@rapport/contracts';
import { AlertRepository, ContractRow, SnapshotRepository } from '@rapport/db';
import { KafkaService } from '@rapport/kafka';
import { ScorecardService } from '@rapport/scoring';
import { AlertDraft, alertsBetween } from './alert-rules';

/** The window pushed live and compared for alerts: the dashboard's default. */
export const LIVE_WINDOW: WindowName = '30d';

/**
 * Recomputes a contract's scorecards as of now, keeps them as history, raises alerts on the
 * way and publishes the update for the API's socket gateway.
 */
@Injectable()
export class ScorecardRefresher {
  private readonly logger = new Logger(ScorecardRefresher.name);

  constructor(
    private readonly scorecards: ScorecardService,
    private readonly snapshots: SnapshotRepository,
    private readonly alerts: AlertRepository,
    private readonly kafka: KafkaService,
  ) {}

  /** `raised` are alerts found elsewhere (e.g. passed deadlines), stored and pushed with the update. */
  async refresh(contracts: ContractRow[], at = new Date(), raised = new Map<string, AlertDraft[]>()): Promise<ScorecardView[]> {
    const messages: UpdateMessage[] = [];
    const live: ScorecardView[] = [];
    for (const contract of contracts) {
      const facts = await this.scorecards.factsBetween(contract, at, at);
      for (const window of Object.keys(WINDOWS) as WindowName[]) {
        const view = this.scorecards.evaluate(contract, facts, window, at);
        const previous = await this.snapshots.latest(contract.id, window);
        // A history point per change of score or band; KPI-only changes are still pushed below.
        if (!previous || previous.score !== view.score || previous.band !== view.band) await this.snapshots.save(view);
        if (window !== LIVE_WINDOW) continue;
        live.push(view);
        messages.push({ kind: 'scorecard.updated', vendorId: view.vendorId, contractId: view.contractId, scorecard: view });
        for (const draft of [...(raised.get(contract.id) ?? []), ...alertsBetween(previous, view)]) {
          const alert = await this.alerts.create({ contractId: contract.id, ...draft });
          messages.push({ kind: 'alert.raised', vendorId: alert.vendorId, contractId: alert.contractId, alert });
          this.logger.log(`alert ${alert.kind}: ${alert.message}`);
        }
      }
    }
    if (messages.length) {
      await this.kafka.send(
        TOPICS.updates,
        messages.map((m) => ({ key: m.contractId, value: m })),
      );
    }
    return live;
  }
}
