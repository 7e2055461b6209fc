import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import { AlertRepository, ALL, ContractRepository, MailDeliveryRow, MailPreferenceRepository } from '@rapport/db';
import { ScorecardService } from '@rapport/scoring';
import { alertSubject } from './alert-mail-model';
import { DIGEST_WINDOW, DigestBuilder, type DigestReader } from './digest-builder.service';
import { MailRenderer } from './mail-renderer.service';
import type { OutgoingMail } from './mail-transport';
import { optOutToken } from './opt-out-token';

export const CHART_CID = 'trend-chart@rapport';

/** A mail that cannot be written (its user, alert or contract is gone): not worth retrying. */
export class UnwritableMail extends Error {}

/** Writes the mail a ledger row stands for, from the data as of the row's instant. */
@Injectable()
export class MailComposer {
  constructor(
    private readonly builder: DigestBuilder,
    private readonly preferences: MailPreferenceRepository,
    private readonly alerts: AlertRepository,
    private readonly contracts: ContractRepository,
    private readonly scorecards: ScorecardService,
    private readonly renderer: MailRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async compose(row: MailDeliveryRow): Promise<OutgoingMail> {
    const reader = await this.preferences.recipient(row.userId);
    if (!reader) throw new UnwritableMail('the user no longer exists');
    return row.kind === 'digest' ? this.digest(reader, row) : this.alert(reader.userId, row);
  }

  /** The digest as HTML with its chart inline as a data: URI (for the browser preview). */
  async preview(reader: DigestReader, week: string, at: Date): Promise<string> {
    return this.renderer.digestPreview(await this.builder.build(reader, week, at));
  }

  private async digest(reader: DigestReader, row: MailDeliveryRow): Promise<OutgoingMail> {
    const model = await this.builder.build(reader, row.period, row.at);
    const { text, html, chart } = await this.renderer.digest(model, CHART_CID);
    return {
      to: row.email,
      subject: `Rapport weekly digest ${row.period}: ${model.audience}`,
      text,
      html,
      attachments: [{ filename: 'trend.png', content: chart, cid: CHART_CID, contentType: 'image/png' }],
      headers: { 'List-Unsubscribe': `<${model.links.optOut}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    };
  }

  private async alert(userId: string, row: MailDeliveryRow): Promise<OutgoingMail> {
    const alert = row.alertId ? await this.alerts.find(row.alertId) : null;
    const contract = alert && (await this.contracts.find(ALL, alert.contractId));
    if (!alert || !contract) throw new UnwritableMail('the alert or its contract no longer exists');
    const optOut = `${this.config.APP_URL}/api/v1/mail/opt-out?token=${optOutToken(this.config.AUTH_SECRET, 'alerts', userId)}`;
    const model = {
      alert,
      scorecard: await this.scorecards.compute(contract, DIGEST_WINDOW, row.at),
      contractUrl: `${this.config.APP_URL}/contracts/${contract.id}`,
      optOut,
    };
    const { text, html } = await this.renderer.alert(model);
    return {
      to: row.email,
      subject: alertSubject(model),
      text,
      html,
      headers: { 'List-Unsubscribe': `<${optOut}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    };
  }
}
