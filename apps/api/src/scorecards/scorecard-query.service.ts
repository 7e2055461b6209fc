import { Injectable } from '@nestjs/common';
import type { ScorecardView, ScorePoint, VendorScorecardView, WindowName } from '@rapport/contracts';
import { ContractRepository, ContractRow, Scope, SnapshotRepository, VendorRepository } from '@rapport/db';
import { bandOf, rollUp } from '@rapport/kpi';
import { ScorecardService } from '@rapport/scoring';
import { found } from '../shared/found';

const DAY_MS = 24 * 60 * 60 * 1000;
const HISTORY_POINTS = 500;

const activeAt = (c: ContractRow, at: Date): boolean => c.startsAt <= at && (!c.endsAt || c.endsAt > at);

/** Scorecards as the caller may see them, computed for any window and instant. */
@Injectable()
export class ScorecardQueryService {
  constructor(
    private readonly contracts: ContractRepository,
    private readonly vendors: VendorRepository,
    private readonly scorecards: ScorecardService,
    private readonly snapshots: SnapshotRepository,
  ) {}

  async list(scope: Scope, window: WindowName, at: Date): Promise<ScorecardView[]> {
    const contracts = await this.contracts.list(scope);
    return Promise.all(contracts.map((c) => this.scorecards.compute(c, window, at)));
  }

  async one(scope: Scope, contractId: string, window: WindowName, at: Date): Promise<ScorecardView> {
    const contract = found(await this.contracts.find(scope, contractId));
    return this.scorecards.compute(contract, window, at);
  }

  history(scope: Scope, contractId: string, window: WindowName, days: number): Promise<ScorePoint[]> {
    return this.snapshots.history(scope, contractId, window, new Date(Date.now() - days * DAY_MS), HISTORY_POINTS);
  }

  /** A vendor's score rolls up the scores of its contracts active at `at`. */
  async vendor(scope: Scope, vendorId: string, window: WindowName, at: Date): Promise<VendorScorecardView> {
    const vendor = found(await this.vendors.find(scope, vendorId));
    const contracts = (await this.contracts.list({ kind: 'vendor', vendorId })).filter((c) => activeAt(c, at));
    const views = await Promise.all(contracts.map((c) => this.scorecards.compute(c, window, at)));
    const score = rollUp(views.map((v) => ({ score: v.score })));
    return { vendorId, vendorName: vendor.name, window, at: at.toISOString(), score, band: bandOf(score), contracts: views };
  }
}
