/**
 * Browser-side view of the shared contracts. Only `import type` and the two small constant
 * arrays are taken from libs/contracts, so nothing server-side ends up in the bundle.
 */
export type {
  Band,
  Dimension,
  EventRef,
  KpiExplanation,
  KpiKey,
  KpiView,
  ScorecardView,
  ScorePoint,
} from '../../../../libs/contracts/src/scorecard';
export type { AlertView, ServerToClientEvents } from '../../../../libs/contracts/src/socket-events';
export type { VendorScorecardView } from '../../../../libs/contracts/src/scorecard';
export { DIMENSIONS, KPI_KEYS } from '../../../../libs/contracts/src/scorecard';

/** One point of a score trend as drawn by the charts: x = epoch ms, y = score or null (gap). */
export interface TrendPoint {
  x: number;
  y: number | null;
}
