import type { Band } from './scorecard';

/**
 * Where each band starts (docs/product.md "Health score"): healthy ≥ 75, at risk ≥ 50 and < 75,
 * critical < 50. The pipeline bands every scorecard with these; charts and mails draw them.
 */
export const BAND_THRESHOLDS = Object.freeze({ healthy: 75, at_risk: 50 } as const);

/** The band of a score; null when there is no score. */
export function bandOf(score: number | null): Band | null {
  if (score === null || Number.isNaN(score)) return null;
  if (score >= BAND_THRESHOLDS.healthy) return 'healthy';
  if (score >= BAND_THRESHOLDS.at_risk) return 'at_risk';
  return 'critical';
}

/** A band in running text ("Score 72.5 (at risk)"). */
export const BAND_LABELS: Readonly<Record<Band, string>> = Object.freeze({ healthy: 'healthy', at_risk: 'at risk', critical: 'critical' });
