import { BAND_LABELS, DIMENSIONS, KPI_KEYS, type Band, type Dimension, type KpiKey, type KpiView } from '@rapport/contracts';
import { KPI_DIMENSION } from './score-policy';

export interface SummaryInput {
  score: number | null;
  band: Band | null;
  dimensions: Record<Dimension, { score: number | null; weight: number }>;
  kpis: Record<KpiKey, KpiView>;
  windowDays: number;
}

/**
 * One human sentence for the scorecard, e.g.
 * "Score 72.5 (at risk): responsiveness 60.0, turnaround 80.0, quality no data, satisfaction 90.0;
 * weakest: firstResponseCompliance 0.8 (target 0.95)."
 * Expects already rounded numbers (values are printed as they are).
 */
export function summarize(s: SummaryInput): string {
  if (s.score === null || s.band === null) {
    return `No score: not enough data in the last ${s.windowDays} days (a KPI needs at least 3 samples).`;
  }
  const dims = DIMENSIONS.map((d) => {
    const { score, weight } = s.dimensions[d];
    if (score === null) return `${d} no data`;
    return weight > 0 ? `${d} ${score.toFixed(1)}` : `${d} ${score.toFixed(1)} (weight 0)`;
  }).join(', ');
  const weakest = weakestKpi(s);
  const tail =
    weakest === null
      ? 'every KPI at or above target'
      : `weakest: ${weakest} ${String(s.kpis[weakest].value)} (target ${String(s.kpis[weakest].target)})`;
  return `Score ${s.score.toFixed(1)} (${BAND_LABELS[s.band]}): ${dims}; ${tail}.`;
}

/** The scored KPI with the lowest measure below 100 (first in KPI order on a tie), if any. */
function weakestKpi(s: SummaryInput): KpiKey | null {
  let weakest: KpiKey | null = null;
  let lowest = 100;
  for (const key of KPI_KEYS) {
    const measure = s.kpis[key].measure;
    if (measure === null || s.dimensions[KPI_DIMENSION[key]].weight <= 0) continue;
    if (measure < lowest) {
      lowest = measure;
      weakest = key;
    }
  }
  return weakest;
}
