/**
 * Rapport demo simulator: plays six fictional vendors' tools (Jira, GitHub, Zendesk,
 * ServiceNow) against Rapport's public HTTP API so that scores have history at once and keep
 * moving. Standalone Node process; settings come from the environment (simulator.config.ts).
 */
import { EventScheduler } from './event-scheduler';
import { AbortedError, LogLine } from './http-retry';
import { RapportClient } from './rapport-client';
import { describeConfig, loadSimulatorConfig, SimulatorConfig, SimulatorConfigError } from './simulator.config';
import { provisionVendors } from './vendor-provisioner';
import { VENDOR_SCENARIOS } from './vendor-scenarios';

const log: LogLine = (line) => console.log(`${new Date().toISOString()} [simulator] ${line}`);
const logError: LogLine = (line) => console.error(`${new Date().toISOString()} [simulator] ${line}`);

/** SIGINT/SIGTERM stop the loops cleanly; a second signal exits at once. */
function stopOnSignals(controller: AbortController): void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      logError(`${signal} again: exiting now`);
      process.exit(130);
    }
    log(`${signal}: stopping (press Ctrl+C again to force)`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

async function simulate(config: SimulatorConfig, signal: AbortSignal): Promise<void> {
  log(`starting: ${describeConfig(config)}`);
  const client = new RapportClient({ ...config, log, signal });
  await client.login();
  log(`signed in as ${config.adminEmail}`);

  const vendors = await provisionVendors(client, VENDOR_SCENARIOS, { nowMs: Date.now(), backfillDays: config.backfillDays, log });
  for (const v of vendors) {
    log(`vendor "${v.scenario.vendorName}" (${v.scenario.behaviour}) -> contract ${v.contractId}`);
  }

  const scheduler = new EventScheduler({
    sink: client,
    vendors,
    seed: config.seed,
    speed: config.speed,
    backfillDays: config.backfillDays,
    log,
  });
  await scheduler.run(signal);
}

async function main(): Promise<void> {
  let config: SimulatorConfig;
  try {
    config = loadSimulatorConfig();
  } catch (error) {
    if (!(error instanceof SimulatorConfigError)) throw error;
    logError(error.message);
    process.exitCode = 2;
    return;
  }
  const controller = new AbortController();
  stopOnSignals(controller);
  try {
    await simulate(config, controller.signal);
  } catch (error) {
    if (error instanceof AbortedError) {
      log('stopped before streaming started');
      return;
    }
    logError(`fatal: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

void main().then(() => process.exit());
