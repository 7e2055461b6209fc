/**
 * Browser-side view of the shared contracts: the zod-free part (libs/contracts/src/browser.ts),
 * so that nothing server-side ends up in the bundle. Rules (bands, windows, KPI units, roles,
 * priorities) come from there rather than being restated here.
 */
export type {
  AlertView,
  Band,
  Dimension,
  EventRef,
  EvidenceRow,
  KpiExplanation,
  KpiKey,
  KpiView,
  Role,
  ScorecardView,
  ScorePoint,
  ServerToClientEvents,
  VendorScorecardView,
  WindowName,
} from '../../../../libs/contracts/src/browser';
export {
  BAND_LABELS,
  BAND_THRESHOLDS,
  bandOf,
  DIMENSIONS,
  KPI_KEYS,
  KPI_LABELS,
  KPI_UNITS,
  LIVE_WINDOW,
  PRIORITIES,
  ROLES,
  WINDOWS,
} from '../../../../libs/contracts/src/browser';

/** One point of a score trend as drawn by the charts: x = epoch ms, y = score or null (gap). */
export interface TrendPoint {
  x: number;
  y: number | null;
}
