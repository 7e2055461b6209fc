import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { AddressInfo, connect, createServer, Server, Socket } from 'node:net';
import { join } from 'node:path';
import type { RapportHarness } from './rapport-harness';

const ROOT = join(__dirname, '..', '..');
const PIPELINE_MAIN = join(ROOT, 'dist/apps/pipeline/apps/pipeline/src/main.js');

/** Compiles the pipeline worker (tsc through the Nest CLI), so it can run, and be killed, as a process of its own. */
export function buildPipeline(): void {
  execFileSync('npx', ['nest', 'build', 'pipeline'], { cwd: ROOT, stdio: 'pipe' });
}

/** The real pipeline worker as a child process, with the test run's environment (and `env` over it); its log goes to `.data/`. */
export class PipelineProcess {
  private child?: ChildProcess;
  readonly logFile: string;
  private readonly log: NodeJS.WritableStream;

  constructor(
    name: string,
    private readonly env: NodeJS.ProcessEnv = {},
  ) {
    mkdirSync(join(ROOT, '.data'), { recursive: true });
    this.logFile = join(ROOT, '.data', `${name}.log`);
    this.log = createWriteStream(this.logFile);
  }

  start(): void {
    const child = spawn(process.execPath, [PIPELINE_MAIN], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', ...this.env },
      stdio: 'pipe',
    });
    child.stdout.pipe(this.log, { end: false });
    child.stderr.pipe(this.log, { end: false });
    this.child = child;
  }

  /** The last warnings and errors the worker logged (pino levels 40 and up), for a failure message. */
  warnings(limit = 30): string[] {
    return readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter((line) => /"level":[4-6]0/.test(line))
      .slice(-limit)
      .map((line) => line.slice(0, 400));
  }

  /** Like a crash or an OOM kill: no shutdown hooks, no goodbye to the consumer group. */
  kill(): Promise<number> {
    return this.stop('SIGKILL');
  }

  /** Stops the worker; one that has not exited 10 s after SIGTERM is killed (and the returned time says so). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number> {
    const child = this.child;
    const started = Date.now();
    if (!child || child.exitCode !== null || child.signalCode !== null) return 0;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    return Date.now() - started;
  }
}

/** The test broker started by infra/test.sh, stopped and started again with the project's own script. */
export class BrokerControl {
  private readonly env = {
    ...process.env,
    KAFKA_PORT: process.env.KAFKA_PORT ?? process.env.TEST_KAFKA_BROKERS?.split(':').at(-1) ?? '29092',
    KAFKA_DATA_DIR: process.env.KAFKA_DATA_DIR ?? join(ROOT, '.data/kafka-test'),
  };

  stop(): void {
    execFileSync('bash', ['infra/kafka/kafka.sh', 'stop'], { cwd: ROOT, env: this.env, stdio: 'pipe' });
  }

  /** Starts the broker; on a loaded machine it may take longer than the script waits, so keep waiting for its port. */
  async start(): Promise<void> {
    try {
      execFileSync('bash', ['infra/kafka/kafka.sh', 'start'], { cwd: ROOT, env: this.env, stdio: 'pipe' });
    } catch {
      await waitFor(() => portOpen(Number(this.env.KAFKA_PORT)), 120_000, 'broker serving again');
    }
  }
}

/**
 * A TCP link to PostgreSQL that a test can cut: while cut, open connections are reset and new
 * ones refused, as when the database host is out of reach.
 */
export class DatabaseLink {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target = new URL(process.env.DATABASE_URL!)) {}

  /** The database URL through this link. */
  get url(): string {
    const url = new URL(this.target);
    url.host = `127.0.0.1:${this.port}`;
    return url.toString();
  }

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(Number(this.target.port || 5432), this.target.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.once('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const closed = new Promise((resolve) => server?.close(resolve));
    for (const socket of this.sockets) socket.resetAndDestroy();
    await closed;
  }
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

export interface ReadinessSample {
  at: number;
  status: number;
}

/** Polls /health/ready in the background, so that a test can ask what it said during a window of time. */
export class ReadinessRecorder {
  readonly samples: ReadinessSample[] = [];
  private running = true;
  private readonly done: Promise<void>;

  constructor(rapport: RapportHarness, everyMs = 500) {
    this.done = (async () => {
      while (this.running) {
        const at = Date.now();
        const status = await rapport.request('GET', '/health/ready').then(
          (r) => r.status,
          () => 0,
        );
        this.samples.push({ at, status });
        await sleep(everyMs);
      }
    })();
  }

  /** Was readiness refused at some point in [from, to]? */
  refusedBetween(from: number, to: number): boolean {
    return this.samples.some((s) => s.at >= from && s.at <= to && s.status === 503);
  }

  /** The first time after `from` that readiness was granted again. */
  readyAgainAfter(from: number): number | undefined {
    return this.samples.find((s) => s.at >= from && s.status === 200)?.at;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.done;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `condition` holds; on timeout the error carries what `explain` finds (so a CI log says why). */
export async function waitFor(
  condition: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
  explain?: () => Promise<string>,
): Promise<number> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) {
      const why = explain ? `\n${await explain().catch((error: unknown) => `(no explanation: ${String(error)})`)}` : '';
      throw new Error(`${what}: not within ${timeoutMs} ms${why}`);
    }
    await sleep(250);
  }
  return Date.now() - start;
}
