/**
 * `npm run bench`: every figure of the pipeline beside a baseline measured in the same run, on
 * the same machine and data. Starts its own broker and databases, runs the built apps, prints
 * each figure with its baseline and ratio, and adds them to bench/results/<date>.json.
 * Options: see bench/support/bench-options.ts and docs/benchmarks.md.
 */
import { mkdirSync } from 'node:fs';
import { measureEventCost } from './event-cost.bench';
import { measureLatency } from './latency.bench';
import { measureReplay } from './replay.bench';
import { measureScaleOut } from './scale-out.bench';
import { measureThroughput } from './throughput.bench';
import { MeasurementName, readOptions } from './support/bench-options';
import type { BenchContext } from './support/bench-context';
import { cleanUpAll, cleanUpOnSignals } from './support/cleanup';
import { printFigure } from './support/figures';
import { startBroker } from './support/kafka-broker';
import { currentLoad, describeMachine, gitCommit } from './support/machine';
import { MeasurementRecord, MeasurementResult, saveResults } from './support/results';

const MEASURE: Record<MeasurementName, (ctx: BenchContext) => Promise<MeasurementResult>> = {
  throughput: measureThroughput,
  'scale-out': measureScaleOut,
  latency: measureLatency,
  replay: measureReplay,
  'event-cost': measureEventCost,
};

async function main(): Promise<void> {
  cleanUpOnSignals();
  const options = readOptions(process.argv.slice(2), process.env);
  const machine = await describeMachine(options.databaseAdminUrl);
  console.log(`bench: ${options.only.join(', ')} on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB`);
  if (options.profileDir) mkdirSync(options.profileDir, { recursive: true });
  const records: Record<string, MeasurementRecord> = {};
  try {
    const needsBroker = options.only.some((m) => m !== 'event-cost');
    const ctx: BenchContext = { options, brokers: needsBroker ? await startBroker(options.kafkaPort) : '' };
    for (const name of options.only) {
      const loadBefore = currentLoad();
      console.log(`\n${name} (load average ${loadBefore.loadAverage.join(' ')})`);
      try {
        const result = await MEASURE[name](ctx);
        result.figures.forEach(printFigure);
        const seconds = Math.round((Date.parse(currentLoad().at) - Date.parse(loadBefore.at)) / 1000);
        records[result.variant ? `${name} ${result.variant}` : name] = {
          ...result,
          commit: gitCommit(),
          startedAt: loadBefore.at,
          seconds,
          loadBefore,
          loadAfter: currentLoad(),
        };
      } catch (error) {
        process.exitCode = 1;
        console.error(`${name} failed:`, error);
      }
    }
  } finally {
    await cleanUpAll();
  }
  if (Object.keys(records).length) console.log(`\nresults: ${await saveResults(machine, records)}`);
}

main().catch(async (error: unknown) => {
  console.error(error);
  await cleanUpAll();
  process.exit(1);
});
