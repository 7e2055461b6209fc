import {
  bandOf,
  DIMENSIONS,
  KPI_KEYS,
  KPI_UNITS,
  type Dimension,
  type KpiExplanation,
  type KpiKey,
  type KpiView,
} from '@rapport/contracts';
import { KPI_DIMENSION, measureOf, resolveTargets, resolveWeights } from './score-policy';
import { summarize } from './score-summary';
import { mean, roundOrNull, roundTo } from './statistics';
import { windowKpis, type WindowInput } from './window-kpis';
import type { ScoreInput, ScoreResult } from './kpi-types';

/*
 * Rounding happens only here, on output: score, measures, dimension scores, NPS and minutes to
 * 2 decimals; rate values to 4; contributions to 4 (so they add up to the score within 0.001).
 * Everything upstream (and the band) works on unrounded numbers, except that the band is read
 * from the rounded score so a displayed 75.00 is never labelled "at risk".
 */
const SCORE_DECIMALS = 2;
const RATE_DECIMALS = 4;
const CONTRIBUTION_DECIMALS = 4;

/**
 * A vendor's score over its active contracts: the weighted mean (weight 1 by default) of the
 * contracts that have a score. Null when none has one, or when their weights sum to 0.
 */
export function rollUp(scores: { score: number | null; weight?: number }[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const { score, weight = 1 } of scores) {
    if (score === null || !Number.isFinite(score) || !(weight > 0)) continue;
    sum += weight * score;
    weights += weight;
  }
  return weights > 0 ? roundTo(sum / weights, SCORE_DECIMALS) : null;
}

/** The contract health score and its explanation for one window (docs/product.md "Health score"). */
export function computeScore(input: ScoreInput & Pick<WindowInput, 'ticketKpis'>): ScoreResult {
  const raw = windowKpis(input);
  const targets = resolveTargets(input.policy);
  const weights = resolveWeights(input.policy);

  const measures = {} as Record<KpiKey, number | null>;
  for (const key of KPI_KEYS) {
    const target = targets[key];
    const value = raw[key].value;
    measures[key] = value !== null && target !== null ? measureOf(value, target) : null;
  }

  // A dimension is the mean of its measures with data; only KPIs with a target belong to one.
  const members = {} as Record<Dimension, KpiKey[]>;
  const dimScores = {} as Record<Dimension, number | null>;
  for (const dim of DIMENSIONS) {
    members[dim] = KPI_KEYS.filter((k) => KPI_DIMENSION[k] === dim && measures[k] !== null);
    dimScores[dim] = mean(members[dim].map((k) => measures[k] ?? 0));
  }
  // A dimension with data but weight 0 is excluded, so an all-zero weighting gives no score.
  const counted = DIMENSIONS.filter((d) => dimScores[d] !== null && weights[d] > 0);
  const totalWeight = counted.reduce((sum, d) => sum + weights[d], 0);
  const score = totalWeight > 0 ? counted.reduce((sum, d) => sum + weights[d] * (dimScores[d] ?? 0), 0) / totalWeight : null;

  const roundedScore = roundOrNull(score, SCORE_DECIMALS);
  const kpis = {} as Record<KpiKey, KpiView>;
  const explanations: KpiExplanation[] = [];
  for (const key of KPI_KEYS) {
    const target = targets[key];
    const dim = KPI_DIMENSION[key];
    const measure = measures[key];
    const value = roundOrNull(raw[key].value, KPI_UNITS[key] === 'rate' ? RATE_DECIMALS : SCORE_DECIMALS);
    kpis[key] = {
      value,
      target: target?.target ?? null,
      floor: target?.floor ?? null,
      measure: roundOrNull(measure, SCORE_DECIMALS),
      samples: raw[key].samples,
    };
    // Points added to the score: measure × (1 / measures in its dimension) × (weight share).
    const contribution =
      measure === null
        ? null
        : counted.includes(dim)
          ? roundTo(((measure / members[dim].length) * weights[dim]) / totalWeight, CONTRIBUTION_DECIMALS)
          : 0;
    explanations.push({
      key,
      dimension: target === null ? null : dim,
      value,
      measure: kpis[key].measure,
      contribution,
      evidence: raw[key].evidence,
    });
  }

  const dimensions = {} as Record<Dimension, { score: number | null; weight: number }>;
  for (const dim of DIMENSIONS) dimensions[dim] = { score: roundOrNull(dimScores[dim], SCORE_DECIMALS), weight: weights[dim] };

  const band = bandOf(roundedScore);
  return {
    score: roundedScore,
    band,
    dimensions,
    kpis,
    explanation: {
      summary: summarize({ score: roundedScore, band, dimensions, kpis, windowDays: input.windowDays }),
      kpis: explanations,
    },
  };
}
