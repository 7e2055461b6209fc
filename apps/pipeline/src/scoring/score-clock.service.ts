import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression, Interval } from '@nestjs/schedule';
import { ALL, ClockCheckpointRepository, ContractRepository, ProjectionRepository } from '@rapport/db';
import { AlertDraft, breachAlerts } from './alert-rules';
import { HistoryRebuilder, hourFloor } from './history-rebuilder.service';
import { ScorecardRefresher } from './scorecard-refresher.service';

export const DEADLINE_CHECKPOINT = 'sla-deadlines';

/**
 * Scores that change with time alone: SLA deadlines passing (live breaches) and the hourly
 * history point. How far deadlines were checked is kept in the database: deadlines that passed
 * while the pipeline was down raise their alerts after a restart, and each breach alert has a
 * dedupe key, so several instances checking the same interval raise it once.
 */
@Injectable()
export class ScoreClock {
  private readonly logger = new Logger(ScoreClock.name);
  /** The job running now, if any: one at a time, so they never score the same contracts at once. */
  private running?: Promise<void>;

  constructor(
    private readonly contracts: ContractRepository,
    private readonly projections: ProjectionRepository,
    private readonly checkpoints: ClockCheckpointRepository,
    private readonly refresher: ScorecardRefresher,
    private readonly history: HistoryRebuilder,
  ) {}

  /** Every few seconds: contracts whose tickets passed a deadline since the last check, and retries of failed refreshes. */
  @Interval(5000)
  async checkDeadlines(): Promise<void> {
    await this.exclusive({ waitForTurn: false }, async () => {
      const now = new Date();
      const after = (await this.checkpoints.get(DEADLINE_CHECKPOINT)) ?? now;
      const passed = after < now ? await this.projections.ticketsPassingDeadlines(after, now) : [];
      if (passed.length) {
        const breaches = new Map<string, AlertDraft[]>();
        for (const ticket of passed) {
          breaches.set(ticket.contractId, [...(breaches.get(ticket.contractId) ?? []), ...breachAlerts(ticket, after, now)]);
        }
        // Scored as of now or a moment later: the deadlines that passed by `now` are in.
        const { failed } = await this.refresher.refresh(await this.contracts.findByIds([...breaches.keys()]), { raised: breaches });
        this.logger.log(`SLA deadlines passed on ${passed.length} ticket(s)`);
        // Checked again next time; the dedupe keys keep the alerts already raised from repeating.
        if (failed.length) return;
      }
      await this.checkpoints.advance(DEADLINE_CHECKPOINT, now);
      await this.refresher.retryFailed();
    });
  }

  /** On the hour: every contract's hourly history point, and a fresh live scorecard as windows slide. */
  @Cron(CronExpression.EVERY_HOUR)
  async hourlySnapshot(): Promise<void> {
    await this.exclusive({ waitForTurn: true }, async () => {
      const now = new Date();
      const contracts = await this.contracts.list(ALL);
      for (const contract of contracts) await this.history.rebuild(contract, hourFloor(now), now);
      await this.refresher.refresh(contracts);
    });
  }

  /**
   * Runs `work` once no other job runs. A deadline check skips its turn instead of waiting (the
   * next one is 5 s away); the hourly point waits for its turn, since skipping it loses the hour.
   */
  private async exclusive({ waitForTurn }: { waitForTurn: boolean }, work: () => Promise<void>): Promise<void> {
    while (this.running) {
      if (!waitForTurn) return;
      await this.running;
    }
    const run = work().catch((error: unknown) => this.logger.error(`scheduled scoring failed: ${(error as Error).message}`));
    this.running = run;
    try {
      await run;
    } finally {
      this.running = undefined;
    }
  }
}
