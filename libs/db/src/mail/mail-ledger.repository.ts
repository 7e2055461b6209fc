import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';

export type MailKind = 'digest' | 'alert';
export type MailStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface MailPlan {
  kind: MailKind;
  period: string;
  userId: string;
  email: string;
  at: Date;
  alertId?: string | null;
}

export interface MailDeliveryRow extends Required<MailPlan> {
  id: string;
  status: MailStatus;
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  lastError: string | null;
  messageId: string | null;
  sentAt: Date | null;
  createdAt: Date;
}

/** Reported for a mail whose sender stopped between claiming and recording it. */
export const INTERRUPTED = 'interrupted while sending: not retried, since it may have been delivered';

/**
 * The mail ledger. A row exists before its mail is sent (the unique (kind, user, period) makes
 * planning idempotent); a sender claims due rows with FOR UPDATE SKIP LOCKED, so two instances
 * never hold the same row; only the claimant may record the outcome.
 */
@Injectable()
export class MailLedgerRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Inserts the rows not planned yet, due at `now` (the planner's clock); returns how many were new. */
  async plan(rows: MailPlan[], now: Date): Promise<number> {
    if (!rows.length) return 0;
    const data = rows.map((r) => ({ ...r, nextAttemptAt: now }));
    const { count } = await this.prisma.mailDelivery.createMany({ data, skipDuplicates: true });
    return count;
  }

  /** Claims up to `limit` due rows (optionally of one kind and period) for `leaseMs`. */
  claimDue(now: Date, limit: number, leaseMs: number, only?: { kind: MailKind; period: string }): Promise<MailDeliveryRow[]> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    return this.prisma.$queryRaw<MailDeliveryRow[]>`
      UPDATE "MailDelivery" SET status = 'sending', attempts = attempts + 1, "leaseUntil" = ${leaseUntil}
      WHERE id IN (
        SELECT id FROM "MailDelivery"
        WHERE status = 'pending' AND "nextAttemptAt" <= ${now}
          AND (${only?.kind ?? null}::text IS NULL OR (kind = ${only?.kind ?? null} AND period = ${only?.period ?? null}))
        ORDER BY "nextAttemptAt" LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING *`;
  }

  /** Rows whose claimant stopped mid-send become failures: resending could deliver twice. */
  async abandonExpired(now: Date): Promise<number> {
    const { count } = await this.prisma.mailDelivery.updateMany({
      where: { status: 'sending', leaseUntil: { lt: now } },
      data: { status: 'failed', lastError: INTERRUPTED, leaseUntil: null },
    });
    return count;
  }

  async markSent(id: string, messageId: string, at: Date): Promise<void> {
    await this.finish(id, { status: 'sent', messageId, sentAt: at, lastError: null });
  }

  async markRetry(id: string, error: string, nextAttemptAt: Date): Promise<void> {
    await this.finish(id, { status: 'pending', lastError: error, nextAttemptAt });
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.finish(id, { status: 'failed', lastError: error });
  }

  list(filter: { kind?: MailKind; period?: string; status?: MailStatus; userId?: string }, limit = 1000): Promise<MailDeliveryRow[]> {
    return this.prisma.mailDelivery.findMany({
      where: filter,
      orderBy: [{ createdAt: 'desc' }, { email: 'asc' }],
      take: limit,
    }) as Promise<MailDeliveryRow[]>;
  }

  private async finish(id: string, data: Record<string, unknown>): Promise<void> {
    await this.prisma.mailDelivery.updateMany({ where: { id, status: 'sending' }, data: { ...data, leaseUntil: null } });
  }
}
