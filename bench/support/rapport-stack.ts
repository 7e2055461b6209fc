import { PIPELINE_GROUP, TOPICS } from '@rapport/contracts';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import PIPELINE_NODE_FLAGS from '../../infra/pipeline-node-flags.json';
import { appEntry, LOG_DIR, NodeProcess } from './app-process';
import { InspectorProfile } from './cpu-profile';
import { cpuMilliseconds, machineBusyMilliseconds } from './process-cpu';
import { freshDatabase, withClient } from './database';
import { brokerPid } from './kafka-broker';
import { startGroupAtEnd } from './kafka-topics';
import { RapportClient } from './rapport-client';
import { scrapeWorkerRuntime, WorkerRuntime } from './worker-runtime';

export interface StackOptions {
  /** Names the database, the consumer groups and the log files. */
  label: string;
  workers: number;
  brokers: string;
  databaseAdminUrl: string;
  /** Each app's CPU profile from ready to stop goes here as `<app>.cpuprofile`. */
  profileDir?: string;
}

/** CPU time each part has used so far, in milliseconds. */
export interface StackCpu {
  api: number;
  pipelines: number[];
  /** The broker's (the bench's own: it serves nobody else meanwhile). */
  broker: number;
  /** The backends connected to this stack's database, by process id (a backend that left since is not counted). */
  databaseBackends: Map<number, number>;
  /** This process: the load generator and the socket.io client. */
  loadGenerator: number;
  /** Every core of the machine, whatever ran there. */
  machine: number;
}

export interface StackMemory {
  apiPeakRssBytes: number;
  pipelinePeakRssBytes: number[];
}

/**
 * The real product as `npm start` runs it, from dist/: one API and `workers` pipeline workers as
 * child processes on a fresh database and the bench broker, with the product's defaults except
 * what a benchmark must change (the ingestion rate limit, ports, quiet logs).
 */
export class RapportStack {
  private constructor(
    readonly client: RapportClient,
    readonly adminToken: string,
    readonly databaseUrl: string,
    private readonly brokers: string,
    private readonly api: NodeProcess,
    private readonly pipelines: NodeProcess[],
    private readonly metricsUrls: string[],
    private readonly profiles: { file: string; profile: InspectorProfile }[],
  ) {}

  static async start(options: StackOptions): Promise<RapportStack> {
    const databaseUrl = await freshDatabase(options.databaseAdminUrl, options.label);
    const groupPrefix = `bench-${options.label}-${Date.now()}`;
    await startGroupAtEnd(options.brokers, `${groupPrefix}.${PIPELINE_GROUP}`, TOPICS.events);
    const admin = { email: 'bench@rapport.test', password: randomBytes(12).toString('hex') };
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: options.brokers,
      KAFKA_GROUP_PREFIX: groupPrefix,
      AUTH_SECRET: randomBytes(48).toString('base64url'),
      INGEST_TOKEN: randomBytes(24).toString('hex'),
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      ACCESS_TOKEN_TTL: '2h',
      // The default (1200 requests a minute per token) would throttle the load, not measure it.
      INGEST_RATE_LIMIT: '1000000',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SIMULATOR: 'off',
      OUTBOX_DIR: '.data/bench/outbox',
    };
    // Profiled through the inspector, not --cpu-prof (written only on a normal exit, and Nest ends an
    // app by re-raising SIGTERM) nor --prof (its tick log is mostly start-up): the window is the load.
    const inspectPorts = new Map<string, number>();
    const start = async (name: string, app: 'api' | 'pipeline', appEnv: NodeJS.ProcessEnv) => {
      if (options.profileDir) inspectPorts.set(name, await freePort());
      const inspect = options.profileDir ? [`--inspect=127.0.0.1:${inspectPorts.get(name)}`] : [];
      const flags = app === 'pipeline' ? PIPELINE_NODE_FLAGS : [];
      return NodeProcess.start(name, [...inspect, ...flags, appEntry(app)], appEnv);
    };
    const api = await start(`${options.label}-api`, 'api', env);
    const pipelines: NodeProcess[] = [];
    const metricsUrls: string[] = [];
    for (let i = 0; i < options.workers; i++) {
      const metricsPort = await freePort();
      metricsUrls.push(`http://127.0.0.1:${metricsPort}/metrics`);
      pipelines.push(await start(`${options.label}-pipeline-${i + 1}`, 'pipeline', { ...env, PIPELINE_METRICS_PORT: String(metricsPort) }));
    }
    const client = new RapportClient(`http://127.0.0.1:${port}`, env.INGEST_TOKEN!);
    await waitUntilReady(client, [api, ...pipelines]);
    const token = await client.login(admin.email, admin.password);
    const profiles = [];
    for (const [name, inspectPort] of inspectPorts) {
      const profile = await InspectorProfile.attach(inspectPort);
      await profile.start();
      profiles.push({ file: `${options.profileDir}/${name}.cpuprofile`, profile });
    }
    return new RapportStack(client, token, databaseUrl, options.brokers, api, pipelines, metricsUrls, profiles);
  }

  get pipelinePids(): number[] {
    return this.pipelines.map((p) => p.pid);
  }

  /** Each pipeline worker's heap, collections and longest stall so far (see `WorkerRuntime`). */
  workerRuntimes(): Promise<WorkerRuntime[]> {
    return Promise.all(this.metricsUrls.map(scrapeWorkerRuntime));
  }

  async cpuMilliseconds(): Promise<StackCpu> {
    const backends = await withClient(this.databaseUrl, (db) =>
      db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()'),
    );
    const own = process.cpuUsage();
    const broker = brokerPid(this.brokers);
    return {
      api: cpuMilliseconds(this.api.pid) ?? 0,
      pipelines: this.pipelines.map((p) => cpuMilliseconds(p.pid) ?? 0),
      broker: (broker && cpuMilliseconds(broker)) || 0,
      databaseBackends: new Map(backends.rows.map(({ pid }) => [pid, cpuMilliseconds(pid) ?? 0])),
      loadGenerator: (own.user + own.system) / 1000,
      machine: machineBusyMilliseconds(),
    };
  }

  memory(): StackMemory {
    return { apiPeakRssBytes: this.api.memory.sample(), pipelinePeakRssBytes: this.pipelines.map((p) => p.memory.sample()) };
  }

  /** Stops the apps (SIGTERM, as `npm start` does); returns their peak RSS. */
  async stop(): Promise<StackMemory> {
    const memory = this.memory();
    // A profile that cannot be written must not keep the apps running.
    await Promise.allSettled(this.profiles.map(({ file, profile }) => profile.stopInto(file)));
    await Promise.all([this.api, ...this.pipelines].map((p) => p.stop()));
    return memory;
  }
}

/** /health/ready is 200 once the database, Kafka, the pipeline group and the API's update consumer all work. */
async function waitUntilReady(client: RapportClient, processes: NodeProcess[], timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = 'no answer';
  while (Date.now() < deadline) {
    const dead = processes.find((p) => !p.running);
    if (dead) throw new Error(`${dead.name} exited during start-up:\n${logTail(dead.name)}`);
    try {
      const answer = await client.ready();
      if (answer.status === 200) return;
      last = answer.body;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the product was not ready after ${timeoutMs / 1000} s: ${JSON.stringify(last)}`);
}

function logTail(name: string): string {
  try {
    return readFileSync(`${LOG_DIR}/${name}.log`, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
