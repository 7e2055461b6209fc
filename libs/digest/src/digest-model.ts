import type { AlertView, Band, EventRef, KpiKey, ScorecardView } from '@rapport/contracts';

/** A score now and a week earlier (docs/product.md "Weekly digest"). */
export interface ScoreMove {
  score: number | null;
  band: Band | null;
  previousScore: number | null;
  /** score − previousScore, null unless both exist. */
  change: number | null;
}

export interface ContractLine extends ScoreMove {
  contractId: string;
  contractName: string;
}

export interface VendorSection extends ScoreMove {
  vendorId: string;
  vendorName: string;
  contracts: ContractLine[];
}

/** A KPI whose measure fell over the week, with the outcomes of the week behind it. */
export interface KpiMove {
  contractId: string;
  contractName: string;
  vendorName: string;
  kpi: KpiKey;
  before: number | null;
  after: number | null;
  /** Change of the KPI's 0–100 measure (negative: worse). */
  measureChange: number;
  evidence: EventRef[];
}

export interface TrendSeries {
  label: string;
  points: { at: string; score: number | null }[];
}

/**
 * One contract's scorecards at the digest's instant and a week earlier (as GET /scorecards/{id}
 * gives them), whether it was active then (vendor roll-ups count active contracts only), and its
 * daily trend.
 */
export interface ContractWeek {
  now: ScorecardView;
  before: ScorecardView;
  activeNow: boolean;
  activeBefore: boolean;
  trend: { at: string; score: number | null }[];
}

/** Everything one recipient's digest says, already scoped to what they may see. */
export interface DigestModel {
  week: string;
  at: string;
  weekAgo: string;
  /** "All vendors" for client staff, the vendor's own name for a vendor user. */
  audience: string;
  vendors: VendorSection[];
  movers: KpiMove[];
  breaches: AlertView[];
  openAlerts: AlertView[];
  trend: TrendSeries[];
  links: { dashboard: string; optOut: string };
}
