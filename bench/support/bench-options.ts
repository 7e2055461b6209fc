/**
 * Sizes and ports of a benchmark run: `--name value` flags win over BENCH_* variables, which win
 * over the defaults. The defaults finish `npm run bench` in about 10–15 minutes on 2 cores.
 */
export interface BenchOptions {
  /** Measurements to run, in this order. */
  only: MeasurementName[];
  kafkaPort: number;
  databaseAdminUrl: string;
  contracts: number;
  /** Ticket events of the throughput runs (opened, responded, resolved: a multiple of 3). */
  events: number;
  batch: number;
  /** Requests (or raw sends) in flight at once while posting the throughput events. */
  postConcurrency: number;
  probes: number;
  quietProbes: number;
  probeIntervalMs: number;
  /** Background events per second under the probes; 0: half the end-to-end rate measured in this run. */
  latencyRate: number;
  replayEvents: number;
  replayDays: number;
  costEvents: number;
  /** Where to write CPU profiles of the pipeline workers and the replay; unset: no profiling. */
  profileDir?: string;
}

export const PROFILE_DIR = '.data/bench/profiles';

export const MEASUREMENTS = ['throughput', 'scale-out', 'latency', 'replay', 'event-cost'] as const;
export type MeasurementName = (typeof MEASUREMENTS)[number];

const DEFAULTS: Record<string, string> = {
  only: MEASUREMENTS.join(','),
  'kafka-port': '29400',
  'database-admin-url': 'postgresql://postgres@127.0.0.1:5432/postgres',
  contracts: '20',
  events: '120000',
  batch: '500',
  'post-concurrency': '4',
  probes: '200',
  'quiet-probes': '40',
  'probe-interval-ms': '250',
  'latency-rate': '0',
  'replay-events': '20000',
  'replay-days': '90',
  'cost-events': '200',
  profile: '0',
};

/** `--replay-events 1000000` or BENCH_REPLAY_EVENTS=1000000. */
export function readOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (!(name in DEFAULTS) || argv[i + 1] === undefined) throw new Error(`unknown flag or missing value: ${argv[i]}`);
    flags.set(name, argv[++i]);
  }
  const text = (name: string): string => flags.get(name) ?? env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`] ?? DEFAULTS[name];
  const int = (name: string, min: number): number => {
    const value = Number(text(name));
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, got ${text(name)}`);
    return value;
  };
  const only = text('only')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only.filter((m) => !(MEASUREMENTS as readonly string[]).includes(m));
  if (unknown.length) throw new Error(`unknown measurement(s) ${unknown.join(', ')}; choose from ${MEASUREMENTS.join(', ')}`);
  const events = int('events', 3);
  if (events % 3) throw new Error('events must be a multiple of 3 (opened, responded, resolved)');
  return {
    only: MEASUREMENTS.filter((m) => only.includes(m)),
    kafkaPort: int('kafka-port', 1),
    databaseAdminUrl: text('database-admin-url'),
    contracts: int('contracts', 2),
    events,
    batch: int('batch', 1),
    postConcurrency: int('post-concurrency', 1),
    probes: int('probes', 1),
    quietProbes: int('quiet-probes', 1),
    probeIntervalMs: int('probe-interval-ms', 10),
    latencyRate: int('latency-rate', 0),
    replayEvents: int('replay-events', 3),
    replayDays: int('replay-days', 1),
    costEvents: int('cost-events', 10),
    profileDir: text('profile') === '1' ? PROFILE_DIR : undefined,
  };
}
