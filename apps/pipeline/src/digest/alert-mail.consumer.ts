import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { TOPICS, UpdateMessage } from '@rapport/contracts';
import { AlertMailer } from '@rapport/digest';
import { KafkaService, SupervisedConsumer } from '@rapport/kafka';

/**
 * Critical alerts by mail, at once: reads the updates topic the pipeline already publishes, in
 * one consumer group shared by all pipeline instances, and hands each alert to the AlertMailer
 * (whose ledger absorbs redeliveries). Scoring stays unaware of mail.
 */
@Injectable()
export class AlertMailConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AlertMailConsumer.name);
  private consumer: SupervisedConsumer | null = null;

  constructor(
    private readonly kafka: KafkaService,
    private readonly mailer: AlertMailer,
  ) {}

  onApplicationBootstrap(): void {
    this.consumer = this.kafka.consume({
      group: 'alert-mail',
      topic: TOPICS.updates,
      // A new group reads what it missed; alerts older than an hour are not mailed.
      fromBeginning: true,
      // Within a second is at once for a mail. The topic gets every scorecard push: asking once a
      // second and committing at most as often spares the broker a fetch and a commit per push.
      fetch: { minBytes: 1024 * 1024, maxWaitMs: 1_000 },
      commitIntervalMs: 1_000,
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        for (const message of batch.messages) {
          const update = this.parse(message.value);
          if (update?.kind === 'alert.raised') {
            try {
              await this.mailer.handle(update.alert);
            } catch (error) {
              // Offsets are not committed past a failure: the batch is delivered again.
              this.logger.error(`alert mail for ${update.alert.id}: ${(error as Error).message}`);
              throw error;
            }
          }
          resolveOffset(message.offset);
          await heartbeat();
        }
      },
    });
  }

  /**
   * Stops before the mail transport closes. KafkaService stops every consumer too, but only in
   * beforeApplicationShutdown, after every module was destroyed: the DigestModule's MailTransport
   * closes its transporter (an SMTP pool, if SMTP_URL asks for one) in onModuleDestroy, which Nest
   * calls on this importing module first, so a batch in hand could fail to send during shutdown.
   */
  async onModuleDestroy(): Promise<void> {
    await this.consumer?.stop();
  }

  private parse(value: Buffer | null): UpdateMessage | null {
    try {
      return JSON.parse(value?.toString() ?? '') as UpdateMessage;
    } catch {
      this.logger.error('unreadable update message skipped');
      return null;
    }
  }
}
