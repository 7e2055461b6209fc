import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import { MailLedgerRepository, MailPlan, MailPreferenceRepository, MailRecipient } from '@rapport/db';
import { digestInstant, dueWeek, parseWeek } from './digest-week';

/**
 * Puts digests in the ledger: one row per recipient and week, evaluated at the end of the week
 * in the recipient's time zone (or now, while that week runs). Planning twice changes nothing.
 */
@Injectable()
export class DigestPlanner {
  constructor(
    private readonly ledger: MailLedgerRepository,
    private readonly preferences: MailPreferenceRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  zoneOf = (r: Pick<MailRecipient, 'timeZone'>): string => r.timeZone ?? this.config.DIGEST_TZ;

  /** Plans `week` for every recipient (or the ones given) whose week has begun; returns how many rows were new. */
  async planWeek(week: string, now: Date, recipients?: MailRecipient[]): Promise<number> {
    const rows: MailPlan[] = [];
    for (const r of recipients ?? (await this.preferences.digestRecipients())) {
      // A vendor user bound to no vendor may see nothing, so gets no digest.
      if (r.role === 'vendor' && !r.vendorId) continue;
      const bounds = parseWeek(week, this.zoneOf(r));
      if (!bounds || bounds.start > now) continue;
      rows.push({ kind: 'digest', period: week, userId: r.userId, email: r.email, at: digestInstant(bounds, now) });
    }
    return this.ledger.plan(rows, now);
  }

  /** Plans, for each recipient, the week whose scheduled run (DIGEST_CRON in their time zone) is due at `now`. */
  async planDue(now: Date): Promise<number> {
    const byWeek = new Map<string, MailRecipient[]>();
    for (const r of await this.preferences.digestRecipients()) {
      const week = dueWeek(this.config.DIGEST_CRON, this.zoneOf(r), now);
      if (week) byWeek.set(week, [...(byWeek.get(week) ?? []), r]);
    }
    let planned = 0;
    for (const [week, recipients] of byWeek) planned += await this.planWeek(week, now, recipients);
    return planned;
  }
}
