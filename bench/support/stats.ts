/** Nearest-rank percentile (p in 0–100) of unsorted values. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function latencySummary(valuesMs: number[]): LatencySummary {
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    count: valuesMs.length,
    p50Ms: round(percentile(valuesMs, 50)),
    p99Ms: round(percentile(valuesMs, 99)),
    maxMs: round(Math.max(...valuesMs)),
  };
}

export const perSecond = (count: number, ms: number): number => Math.round((count / ms) * 1000);

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
