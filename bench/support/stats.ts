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
  /** p50 of the first and of the last quarter of the probes: a growing latency means a growing backlog. */
  firstQuarterP50Ms: number;
  lastQuarterP50Ms: number;
}

/** Latencies in the order the probes were sent. */
export function latencySummary(valuesMs: number[]): LatencySummary {
  const round = (x: number) => Math.round(x * 10) / 10;
  const quarter = Math.max(1, Math.floor(valuesMs.length / 4));
  return {
    count: valuesMs.length,
    p50Ms: round(percentile(valuesMs, 50)),
    p99Ms: round(percentile(valuesMs, 99)),
    maxMs: round(Math.max(...valuesMs)),
    firstQuarterP50Ms: round(percentile(valuesMs.slice(0, quarter), 50)),
    lastQuarterP50Ms: round(percentile(valuesMs.slice(-quarter), 50)),
  };
}

export const perSecond = (count: number, ms: number): number => Math.round((count / ms) * 1000);

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
