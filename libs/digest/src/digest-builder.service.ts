import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import { LIVE_WINDOW, type Role, type WindowName } from '@rapport/contracts';
import { AlertRepository, ContractRepository, ContractRow, Scope, VendorRepository } from '@rapport/db';
import { ScorecardService } from '@rapport/scoring';
import { composeDigest } from './digest-composer';
import type { ContractWeek, DigestModel } from './digest-model';
import { optOutToken } from './opt-out-token';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The dashboard's default window: the digest shows the numbers managers see there. */
export const DIGEST_WINDOW: WindowName = LIVE_WINDOW;
export const TREND_DAYS = 28;
const OPEN_ALERTS_DAYS = 30;
const NOBODY = '00000000-0000-0000-0000-000000000000';

export interface DigestReader {
  userId: string;
  role: Role;
  vendorId: string | null;
}

/** What a reader may see: everything for client staff, their own vendor for a vendor user. */
export const scopeOfReader = (r: DigestReader): Scope =>
  r.role === 'vendor' ? { kind: 'vendor', vendorId: r.vendorId ?? NOBODY } : { kind: 'all' };

const activeAt = (c: ContractRow, at: Date): boolean => c.startsAt <= at && (!c.endsAt || c.endsAt > at);

/** Gathers one reader's digest through the same scoring as the API's scorecards (libs/scoring). */
@Injectable()
export class DigestBuilder {
  constructor(
    private readonly contracts: ContractRepository,
    private readonly vendors: VendorRepository,
    private readonly scorecards: ScorecardService,
    private readonly alerts: AlertRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async build(reader: DigestReader, week: string, at: Date): Promise<DigestModel> {
    const scope = scopeOfReader(reader);
    const weekAgo = new Date(at.getTime() - 7 * DAY_MS);
    const [contracts, vendors, breaches, open] = await Promise.all([
      this.contracts.list(scope),
      this.vendors.list(scope),
      this.alerts.raisedBetween(scope, weekAgo, at),
      this.alerts.raisedBetween(scope, new Date(at.getTime() - OPEN_ALERTS_DAYS * DAY_MS), at, { open: true }),
    ]);
    const weeks = await Promise.all(contracts.map((c) => this.contractWeek(c, at, weekAgo)));
    return composeDigest({
      week,
      at,
      weekAgo,
      audience: scope.kind === 'all' ? 'All vendors' : (vendors[0]?.name ?? 'Your vendor'),
      contracts: weeks,
      vendors: vendors.map((v) => ({ id: v.id, name: v.name })),
      alerts: { breaches, open },
      links: {
        dashboard: this.config.APP_URL,
        optOut: `${this.config.APP_URL}/api/v1/mail/opt-out?token=${optOutToken(this.config.AUTH_SECRET, 'digest', reader.userId)}`,
      },
    });
  }

  /** One contract's scorecards at `at` and a week before, and a daily trend, from one read of its facts. */
  private async contractWeek(contract: ContractRow, at: Date, weekAgo: Date): Promise<ContractWeek> {
    const facts = await this.scorecards.factsBetween(contract, new Date(at.getTime() - TREND_DAYS * DAY_MS), at);
    const view = (when: Date) => this.scorecards.evaluate(contract, facts, DIGEST_WINDOW, when);
    const trend = Array.from({ length: TREND_DAYS + 1 }, (_, i) => {
      const when = new Date(at.getTime() - (TREND_DAYS - i) * DAY_MS);
      return { at: when.toISOString(), score: activeAt(contract, when) ? view(when).score : null };
    });
    return { now: view(at), before: view(weekAgo), activeNow: activeAt(contract, at), activeBefore: activeAt(contract, weekAgo), trend };
  }
}
