/** Scale-out: end-to-end throughput with two pipeline workers in one group against one (6 partitions). */
import type { BenchContext } from './support/bench-context';
import { measureEndToEnd } from './support/end-to-end-run';
import { figure } from './support/figures';
import type { MeasurementResult } from './support/results';

export async function measureScaleOut(ctx: BenchContext): Promise<MeasurementResult> {
  ctx.endToEnd ??= await measureEndToEnd(ctx, 1);
  const one = ctx.endToEnd;
  const two = await measureEndToEnd(ctx, 2);
  return {
    figures: [
      figure('end-to-end throughput, 2 workers', two.eventsPerSecond, 'events/s', {
        label: '1 worker',
        value: one.eventsPerSecond,
        unit: 'events/s',
      }),
    ],
    data: { oneWorker: one, twoWorkers: two },
  };
}
