import type { BenchOptions } from './bench-options';
import type { EndToEndRun } from './end-to-end-run';

/** What the measurements of one run share: options, the broker, and results later ones build on. */
export interface BenchContext {
  options: BenchOptions;
  brokers: string;
  /** The one-worker end-to-end run, once measured: its rate sets the latency load, scale-out compares with it. */
  endToEnd?: EndToEndRun;
}
