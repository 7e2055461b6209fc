import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression, Interval } from '@nestjs/schedule';
import { DigestPlanner, MailDispatcher } from '@rapport/digest';

/**
 * The weekly digest's clock. Every minute it plans the digests whose DIGEST_CRON run has come in
 * each recipient's time zone (a run missed while no instance was up is made up within 6 hours),
 * then sends what the ledger says is due, retries included. Every instance may run this: the
 * ledger's unique rows and claims keep each mail to one send.
 */
@Injectable()
export class DigestScheduler {
  private readonly logger = new Logger(DigestScheduler.name);
  private running = false;

  constructor(
    private readonly planner: DigestPlanner,
    private readonly dispatcher: MailDispatcher,
  ) {}

  @Cron(CronExpression.EVERY_MINUTE)
  async planDue(): Promise<void> {
    await this.exclusive(async () => {
      const planned = await this.planner.planDue(new Date());
      if (planned) this.logger.log(`${planned} weekly digest(s) planned`);
      await this.send();
    });
  }

  /** Retries come due between the minutes too. */
  @Interval(15_000)
  async sendDue(): Promise<void> {
    await this.exclusive(() => this.send());
  }

  private async send(): Promise<void> {
    const { sent, retrying, failed } = await this.dispatcher.dispatch();
    if (sent + retrying + failed) this.logger.log(`mail: ${sent} sent, ${retrying} to retry, ${failed} failed`);
  }

  private async exclusive(work: () => Promise<void>): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await work();
    } catch (error) {
      this.logger.error(`digest schedule: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
