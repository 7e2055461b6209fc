import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { onCleanup } from './cleanup';
import { PeakRssSampler } from './process-memory';

export const LOG_DIR = '.data/bench/logs';

/** The built entry point of an app, as `npm start` runs it. */
export const appEntry = (app: 'api' | 'pipeline'): string => `dist/apps/${app}/apps/${app}/src/main.js`;
/** The entry point of `npm run replay` (infra/replay.sh). */
export const REPLAY_ENTRY = 'dist/apps/pipeline/apps/pipeline/src/replay/replay.main.js';

/**
 * A node child process with its output in LOG_DIR/<name>.log and its peak RSS sampled while it
 * runs. Stopped with SIGTERM, then SIGKILL after 5 s (the apps stop within 4 s).
 */
export class NodeProcess {
  readonly memory: PeakRssSampler;
  private readonly exited: Promise<number | null>;
  private readonly forget: () => Promise<void>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    this.memory = new PeakRssSampler(child.pid!);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    this.forget = onCleanup(name, () => this.terminate());
  }

  static start(name: string, args: string[], env: NodeJS.ProcessEnv): NodeProcess {
    mkdirSync(LOG_DIR, { recursive: true });
    const log = createWriteStream(`${LOG_DIR}/${name}.log`);
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    if (!child.pid) throw new Error(`${name} did not start`);
    return new NodeProcess(name, child);
  }

  /** Resolves with the time (epoch ms) at which a line of its standard output first contains `text`. */
  printed(text: string): Promise<number> {
    return new Promise((resolve, reject) => {
      let tail = '';
      const onData = (chunk: Buffer) => {
        tail += chunk.toString();
        if (tail.includes(text)) {
          this.child.stdout!.off('data', onData);
          resolve(Date.now());
        } else tail = tail.slice(-text.length);
      };
      this.child.stdout!.on('data', onData);
      void this.exited.then((code) => reject(new Error(`${this.name} exited with ${code} before printing "${text}"`)));
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the exit code once it exits by itself. */
  exit(): Promise<number | null> {
    return this.exited;
  }

  /** Stops it; returns its peak RSS in bytes. */
  async stop(): Promise<number> {
    const peak = this.memory.sample();
    await this.forget();
    this.memory.stop();
    return peak;
  }

  private async terminate(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const killed = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(killed);
  }
}
