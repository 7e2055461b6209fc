import { rollUp } from '../../../../libs/kpi/src/health-score';

/** The pipeline's own roll-up (mean of scores), for vendor scores computed in the browser. */
export { rollUp };
import type { Band, Dimension, ScorecardView } from './types';
import { bandOf, DIMENSIONS } from './types';

/**
 * The score a contract would have with other dimension weights: the same weighted mean of
 * dimension scores, Σ(wᵢ·mᵢ)/Σwᵢ over dimensions with data, that the pipeline computes
 * (libs/kpi `rollUp`, bundled as is). Nothing is saved.
 */
export function whatIfScore(
  card: Pick<ScorecardView, 'dimensions'>,
  weights: Record<Dimension, number>,
): { score: number | null; band: Band | null } {
  const score = rollUp(DIMENSIONS.map((d) => ({ score: card.dimensions[d]?.score ?? null, weight: weights[d] })));
  return { score, band: bandOf(score) };
}

export function currentWeights(card: Pick<ScorecardView, 'dimensions'>): Record<Dimension, number> {
  return Object.fromEntries(DIMENSIONS.map((d) => [d, card.dimensions[d]?.weight ?? 0])) as Record<Dimension, number>;
}
