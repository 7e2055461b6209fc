import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import { MailLedgerRepository, MailPreferenceRepository } from '@rapport/db';
import { digestInstant, DigestPlanner, DispatchResult, MailComposer, MailDispatcher, parseWeek, weekKeyOf } from '@rapport/digest';
import type { Principal } from '../access/principal';

export interface DigestRunResult extends DispatchResult {
  week: string;
  /** Rows this run added to the ledger (recipients already planned that week are skipped). */
  planned: number;
}

/** The API side of digests: admin runs and status, and anyone's own preview. */
@Injectable()
export class DigestRunService {
  constructor(
    private readonly planner: DigestPlanner,
    private readonly dispatcher: MailDispatcher,
    private readonly ledger: MailLedgerRepository,
    private readonly composer: MailComposer,
    private readonly preferences: MailPreferenceRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(week: string, now = new Date()): Promise<DigestRunResult> {
    const bounds = parseWeek(week, this.config.DIGEST_TZ);
    if (!bounds) throw new BadRequestException(`week ${week} does not exist`);
    if (bounds.start > now) throw new BadRequestException(`week ${week} has not begun`);
    const planned = await this.planner.planWeek(week, now);
    return { week, planned, ...(await this.dispatcher.dispatch(now, { kind: 'digest', period: week })) };
  }

  async status(week = weekKeyOf(new Date(), this.config.DIGEST_TZ)) {
    const rows = await this.ledger.list({ kind: 'digest', period: week });
    return rows.map((r) => ({
      userId: r.userId,
      email: r.email,
      status: r.status,
      attempts: r.attempts,
      at: r.at,
      sentAt: r.sentAt,
      nextAttemptAt: r.status === 'pending' ? r.nextAttemptAt : null,
      lastError: r.lastError,
    }));
  }

  /** The caller's own digest of `week` (default: the current one) in their time zone, as HTML. */
  async preview(who: Principal, week: string | undefined, now = new Date()): Promise<string> {
    const zone = (await this.preferences.find(who.userId)).timeZone ?? this.config.DIGEST_TZ;
    const key = week ?? weekKeyOf(now, zone);
    const bounds = parseWeek(key, zone);
    if (!bounds) throw new BadRequestException(`week ${key} does not exist`);
    if (bounds.start > now) throw new BadRequestException(`week ${key} has not begun`);
    return this.composer.preview(who, key, digestInstant(bounds, now));
  }
}
