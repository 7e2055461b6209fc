import { Injectable, Logger } from '@nestjs/common';
import { ALL, ContractRepository, EventStoreRepository } from '@rapport/db';
import { ProjectionService } from '../projection/projection.service';
import { HistoryRebuilder } from '../scoring/history-rebuilder.service';

export interface ReplaySummary {
  contracts: number;
  subjects: number;
  hourlyPoints: number;
}

/**
 * Recomputes everything derived from the event log: projections, then hourly history.
 * Run it with the pipeline stopped; it gives the numbers the live pipeline gave.
 */
@Injectable()
export class ReplayService {
  private readonly logger = new Logger(ReplayService.name);

  constructor(
    private readonly contracts: ContractRepository,
    private readonly events: EventStoreRepository,
    private readonly projections: ProjectionService,
    private readonly history: HistoryRebuilder,
  ) {}

  async replayAll(now = new Date()): Promise<ReplaySummary> {
    const summary: ReplaySummary = { contracts: 0, subjects: 0, hourlyPoints: 0 };
    for (const contract of await this.contracts.list(ALL)) {
      const { subjects, firstTime } = await this.events.subjectsOf(contract.id);
      await this.projections.refoldAll(contract, subjects);
      const points = firstTime ? await this.history.rebuild(contract, firstTime, now) : 0;
      summary.contracts += 1;
      summary.subjects += subjects.length;
      summary.hourlyPoints += points;
      this.logger.log(`replayed ${contract.name}: ${subjects.length} subjects, ${points} hourly points`);
    }
    return summary;
  }
}
