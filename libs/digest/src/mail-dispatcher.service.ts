import { Injectable, Logger } from '@nestjs/common';
import { MailDeliveryRow, MailKind, MailLedgerRepository } from '@rapport/db';
import { MailComposer, UnwritableMail } from './mail-composer.service';
import { isPermanent, MailTransport } from './mail-transport';

/** A claim lasts this long; a sender that has not recorded the outcome by then is presumed dead. */
export const LEASE_MS = 5 * 60 * 1000;
export const MAX_ATTEMPTS = 5;
/** Backoff after the n-th failed attempt: 30 s, 1 min, 2 min, 4 min. */
export const retryDelayMs = (attempts: number): number => 30_000 * 2 ** (attempts - 1);

export interface DispatchResult {
  sent: number;
  retrying: number;
  failed: number;
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/**
 * Sends what the ledger says is due, one claimed row at a time. Every outcome is recorded on the
 * row: sent, retry later (temporary SMTP or network errors, with backoff), or failed (a 5xx
 * refusal, a mail that cannot be written, or too many attempts), which admins see.
 */
@Injectable()
export class MailDispatcher {
  private readonly logger = new Logger(MailDispatcher.name);

  constructor(
    private readonly ledger: MailLedgerRepository,
    private readonly composer: MailComposer,
    private readonly transport: MailTransport,
  ) {}

  async dispatch(now = new Date(), only?: { kind: MailKind; period: string }): Promise<DispatchResult> {
    const result: DispatchResult = { sent: 0, retrying: 0, failed: 0 };
    const abandoned = await this.ledger.abandonExpired(now);
    if (abandoned) this.logger.warn(`${abandoned} mail(s) were interrupted while sending; marked failed rather than risk a duplicate`);
    for (;;) {
      const [row] = await this.ledger.claimDue(now, 1, LEASE_MS, only);
      if (!row) return result;
      result[await this.deliver(row, now)]++;
    }
  }

  private async deliver(row: MailDeliveryRow, now: Date): Promise<keyof DispatchResult> {
    let mail;
    try {
      mail = await this.composer.compose(row);
    } catch (error) {
      if (!(error instanceof UnwritableMail)) this.logger.error(`mail ${row.id} could not be written: ${reason(error)}`);
      await this.ledger.markFailed(row.id, `not written: ${reason(error)}`);
      return 'failed';
    }
    try {
      const messageId = await this.transport.send(mail);
      await this.ledger.markSent(row.id, messageId, new Date());
      return 'sent';
    } catch (error) {
      if (isPermanent(error) || row.attempts >= MAX_ATTEMPTS) {
        this.logger.warn(`${row.kind} mail ${row.id} failed for good after ${row.attempts} attempt(s): ${reason(error)}`);
        await this.ledger.markFailed(row.id, reason(error));
        return 'failed';
      }
      await this.ledger.markRetry(row.id, reason(error), new Date(now.getTime() + retryDelayMs(row.attempts)));
      return 'retrying';
    }
  }
}
