import { Injectable } from '@nestjs/common';
import type { AlertView } from '@rapport/contracts';
import { ALL, ContractRepository, MailLedgerRepository, MailPreferenceRepository } from '@rapport/db';
import { DispatchResult, MailDispatcher } from './mail-dispatcher.service';

/** Critical alerts worth a mail at once: a contract entering the critical band, a P1 SLA breach. */
export const isMailable = (a: Pick<AlertView, 'kind' | 'severity'>): boolean =>
  a.severity === 'critical' && (a.kind === 'band_change' || a.kind === 'sla_breach');

/** An alert older than this is history, not news: a consumer catching up does not mail it. */
export const ALERT_MAIL_MAX_AGE_MS = 60 * 60 * 1000;

/** The ledger period of an alert mail: the contract and the hour the alert was raised in (UTC). */
export const alertPeriod = (a: Pick<AlertView, 'contractId' | 'raisedAt'>): string => `${a.contractId}@${a.raisedAt.slice(0, 13)}`;

/**
 * Mails critical alerts to managers (and the contract's owner, when a user has that address)
 * through the mail ledger: at most one mail per contract, recipient and hour, whoever sees the
 * alert first and however often it is delivered to us.
 */
@Injectable()
export class AlertMailer {
  constructor(
    private readonly contracts: ContractRepository,
    private readonly preferences: MailPreferenceRepository,
    private readonly ledger: MailLedgerRepository,
    private readonly dispatcher: MailDispatcher,
  ) {}

  async handle(alert: AlertView, now = new Date()): Promise<DispatchResult | null> {
    if (!isMailable(alert) || now.getTime() - new Date(alert.raisedAt).getTime() > ALERT_MAIL_MAX_AGE_MS) return null;
    const contract = await this.contracts.find(ALL, alert.contractId);
    if (!contract) return null;
    const period = alertPeriod(alert);
    const recipients = await this.preferences.alertRecipients(contract.ownerEmail);
    await this.ledger.plan(
      recipients.map((r) => ({ kind: 'alert', period, userId: r.userId, email: r.email, at: new Date(alert.raisedAt), alertId: alert.id })),
      now,
    );
    return this.dispatcher.dispatch(now, { kind: 'alert', period });
  }
}
