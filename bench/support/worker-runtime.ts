/**
 * What a pipeline worker's runtime went through, from prom-client's default metrics on its
 * /metrics: the heap it holds, the time its garbage collections took, and its longest event-loop
 * stall (prom-client resets that one on every scrape, so it covers the time since the last).
 */
export interface WorkerRuntime {
  heapUsedBytes: number;
  gcSeconds: number;
  /** Collections of the old generation (mark-sweep-compact): the long pauses. */
  majorGcSeconds: number;
  eventLoopLagMaxSeconds: number;
}

const PREFIX = 'rapport_pipeline_nodejs_';

export async function scrapeWorkerRuntime(metricsUrl: string): Promise<WorkerRuntime> {
  const response = await fetch(metricsUrl);
  if (!response.ok) throw new Error(`${metricsUrl} answered ${response.status}`);
  const samples = (await response.text()).split('\n').filter((line) => line.startsWith(PREFIX));
  const sum = (name: string, labels = '') =>
    samples
      .filter((line) => line.startsWith(`${PREFIX}${name}`) && line.includes(labels))
      .reduce((total, line) => total + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  return {
    heapUsedBytes: sum('heap_size_used_bytes '),
    gcSeconds: sum('gc_duration_seconds_sum'),
    majorGcSeconds: sum('gc_duration_seconds_sum', 'kind="major"'),
    eventLoopLagMaxSeconds: sum('eventloop_lag_max_seconds '),
  };
}

/** Over a stretch between two scrapes: collections' time then, heap and longest stall at its end. */
export const runtimeBetween = (before: WorkerRuntime, after: WorkerRuntime): WorkerRuntime => ({
  heapUsedBytes: after.heapUsedBytes,
  gcSeconds: after.gcSeconds - before.gcSeconds,
  majorGcSeconds: after.majorGcSeconds - before.majorGcSeconds,
  eventLoopLagMaxSeconds: after.eventLoopLagMaxSeconds,
});
