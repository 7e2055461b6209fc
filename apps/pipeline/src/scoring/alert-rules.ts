import type { AlertView, ScorecardView } from '@rapport/contracts';

export type AlertDraft = Pick<AlertView, 'kind' | 'severity' | 'message'>;

/** A fall of at least this many points between two consecutive scorecards is "sharp". */
export const SHARP_DROP_POINTS = 10;

const label = (s: ScorecardView): string => `${s.vendorName} / ${s.contractName}`;

/** Alerts implied by moving from one scorecard to the next (pure; PRODUCT.md "Alerts"). */
export function alertsBetween(previous: ScorecardView | null, next: ScorecardView): AlertDraft[] {
  if (!previous || next.score === null || previous.score === null) return [];
  const drafts: AlertDraft[] = [];
  if (previous.band !== next.band) {
    drafts.push({
      kind: 'band_change',
      severity: next.band === 'critical' ? 'critical' : next.band === 'at_risk' ? 'warning' : 'info',
      message: `${label(next)} moved from ${previous.band} to ${next.band} (score ${next.score.toFixed(1)})`,
    });
  }
  const drop = previous.score - next.score;
  if (drop >= SHARP_DROP_POINTS) {
    drafts.push({
      kind: 'sharp_drop',
      severity: 'warning',
      message: `${label(next)} dropped ${drop.toFixed(1)} points to ${next.score.toFixed(1)}`,
    });
  }
  return drafts;
}
