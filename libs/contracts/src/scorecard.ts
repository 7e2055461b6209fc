/** The scorecard body of GET /api/v1/scorecards/{contractId} and of `scorecard.updated`. */
export const KPI_KEYS = [
  'firstResponseCompliance',
  'resolutionCompliance',
  'medianFirstResponseMinutes',
  'medianResolutionMinutes',
  'p90ResolutionMinutes',
  'onTimeDelivery',
  'firstPassAcceptance',
  'reopenRate',
  'csat',
  'nps',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export const DIMENSIONS = ['responsiveness', 'turnaround', 'quality', 'satisfaction'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const WINDOWS = { '7d': 7, '30d': 30, '90d': 90 } as const;
export type WindowName = keyof typeof WINDOWS;
/** Every window, shortest first. */
export const WINDOW_NAMES = Object.keys(WINDOWS) as WindowName[];
/** The window the pipeline pushes live (`scorecard.updated`) and compares for alerts; the default wherever a window is optional. */
export const LIVE_WINDOW: WindowName = '30d';

export type Band = 'healthy' | 'at_risk' | 'critical';

export interface KpiView {
  value: number | null;
  target: number | null;
  floor: number | null;
  measure: number | null;
  samples: number;
}

export interface EventRef {
  kind: 'ticket' | 'deliverable' | 'feedback';
  id: string;
  outcome: string;
  at: string;
}

export interface KpiExplanation {
  key: KpiKey;
  dimension: Dimension | null;
  value: number | null;
  measure: number | null;
  /** Points this KPI adds to the score: its share of its dimension times the dimension's share. */
  contribution: number | null;
  /** Outcomes that pulled the KPI down (breaches, late or rejected deliverables, low ratings). */
  evidence: EventRef[];
}

export interface ScorecardView {
  contractId: string;
  contractName: string;
  vendorId: string;
  vendorName: string;
  window: WindowName;
  at: string;
  score: number | null;
  band: Band | null;
  dimensions: Record<Dimension, { score: number | null; weight: number }>;
  kpis: Record<KpiKey, KpiView>;
  explanation: { summary: string; kpis: KpiExplanation[] };
  updatedAt: string;
}

/** One point of a contract's score history (GET /api/v1/scorecards/{contractId}/history). */
export interface ScorePoint {
  at: string;
  score: number | null;
  band: Band | null;
}

/** A vendor's roll-up (GET /api/v1/vendors/{vendorId}/scorecard): its active contracts' mean score. */
export type VendorScorecardView = Pick<ScorecardView, 'vendorId' | 'vendorName' | 'window' | 'at' | 'score' | 'band'> & {
  contracts: ScorecardView[];
};
