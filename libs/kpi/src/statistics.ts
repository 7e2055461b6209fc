/** Small numeric helpers shared by the KPI and score code. Nothing here rounds unless asked. */

/** A KPI needs at least this many samples (its denominator) to have a value. */
export const MIN_SAMPLES = 3;

export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** numerator ÷ denominator, or null when the denominator is below MIN_SAMPLES. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator < MIN_SAMPLES ? null : numerator / denominator;
}

/** A typed array sorts numbers natively, many times faster than `Array#sort` with a comparator. */
function ascending(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** Median; an even count gives the mean of the two middle values. Null when empty. */
export function median(values: ArrayLike<number>): number | null {
  return medianOfSorted(ascending(values));
}

/** Values in ascending order, read by position: an array, or a structure that keeps them sorted. */
export interface Sorted {
  readonly length: number;
  at(index: number): number | undefined;
}

/** `median` of values already in ascending order. */
export function medianOfSorted(sorted: Sorted): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted.at(mid)! : (sorted.at(mid - 1)! + sorted.at(mid)!) / 2;
}

/**
 * Nearest-rank percentile: the ⌈pct/100 · n⌉-th smallest value. `pct` is an integer percent so
 * the rank is computed exactly (0.9 · n in floating point can land just above an integer).
 */
export function nearestRank(values: ArrayLike<number>, pct: number): number | null {
  return nearestRankOfSorted(ascending(values), pct);
}

/** `nearestRank` of values already in ascending order. */
export function nearestRankOfSorted(sorted: Sorted, pct: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((pct * sorted.length) / 100));
  return sorted.at(Math.min(rank, sorted.length) - 1)!;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/**
 * Rounds half away from zero to `decimals` places. Uses exponent notation rather than
 * multiplying so that e.g. 1.005 rounds to 1.01 and not 1.00.
 */
export function roundTo(x: number, decimals: number): number {
  const sign = x < 0 ? -1 : 1;
  const shifted = Math.round(Number(`${Math.abs(x)}e${decimals}`));
  const result = sign * Number(`${shifted}e-${decimals}`);
  return Object.is(result, -0) ? 0 : result;
}

/** roundTo for nullable values. */
export function roundOrNull(x: number | null, decimals: number): number | null {
  return x === null ? null : roundTo(x, decimals);
}
