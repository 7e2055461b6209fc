import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression, Interval } from '@nestjs/schedule';
import { ALL, ContractRepository, ProjectionRepository } from '@rapport/db';
import { AlertDraft, breachAlerts } from './alert-rules';
import { HistoryRebuilder, hourFloor } from './history-rebuilder.service';
import { ScorecardRefresher } from './scorecard-refresher.service';

/** Scores that change with time alone: SLA deadlines passing (live breaches) and the hourly history point. */
@Injectable()
export class ScoreClock {
  private readonly logger = new Logger(ScoreClock.name);
  private checkedUntil = new Date();
  private running = false;

  constructor(
    private readonly contracts: ContractRepository,
    private readonly projections: ProjectionRepository,
    private readonly refresher: ScorecardRefresher,
    private readonly history: HistoryRebuilder,
  ) {}

  /** Every few seconds: contracts whose tickets passed a deadline since the last check. */
  @Interval(5000)
  async checkDeadlines(): Promise<void> {
    await this.exclusive(async () => {
      const now = new Date();
      const passed = await this.projections.ticketsPassingDeadlines(this.checkedUntil, now);
      if (passed.length) {
        const breaches = new Map<string, AlertDraft[]>();
        for (const ticket of passed) {
          breaches.set(ticket.contractId, [...(breaches.get(ticket.contractId) ?? []), ...breachAlerts(ticket, this.checkedUntil, now)]);
        }
        await this.refresher.refresh(await this.contracts.findByIds([...breaches.keys()]), now, breaches);
        this.logger.log(`SLA deadlines passed on ${passed.length} ticket(s)`);
      }
      this.checkedUntil = now;
    });
  }

  /** On the hour: every contract's hourly history point, and a fresh live scorecard as windows slide. */
  @Cron(CronExpression.EVERY_HOUR)
  async hourlySnapshot(): Promise<void> {
    await this.exclusive(async () => {
      const now = new Date();
      const contracts = await this.contracts.list(ALL);
      for (const contract of contracts) await this.history.rebuild(contract, hourFloor(now), now);
      await this.refresher.refresh(contracts, now);
    });
  }

  private async exclusive(work: () => Promise<void>): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await work();
    } catch (error) {
      this.logger.error(`scheduled scoring failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
