// Keeps long-running processes up: one that exits is started again after a pause that doubles
// with each quick failure (1 s, 2 s, 4 s … 30 s) and resets once it has run for a minute.
// stop() ends them all within a bounded time: SIGTERM, then SIGKILL after the grace period.
import { spawn } from 'node:child_process';

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;
const HEALTHY_AFTER_MS = 60_000;

export class Supervisor {
  #children = new Map();
  #stopping = false;

  /** `output` is a log output (log-lines.mjs); `env` is given to every process. */
  constructor(output, env) {
    this.output = output;
    this.env = env;
  }

  /** Runs `command args` as `name`, restarting it whenever it exits until stop(). */
  add(name, command, args, options = {}) {
    const child = { name, command, args, options, process: undefined, failures: 0, timer: undefined };
    this.#children.set(name, child);
    this.#launch(child);
  }

  /** The pid of a running process, for tests and operators. */
  pid(name) {
    return this.#children.get(name)?.process?.pid;
  }

  #launch(child) {
    child.timer = undefined;
    if (this.#stopping) return;
    const startedAt = Date.now();
    const proc = spawn(child.command, child.args, { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.process = proc;
    this.output.follow(child.name, proc, child.options);
    proc.on('error', (error) => this.output.log('error', 'start', `${child.name} could not be started: ${error.message}`));
    proc.on('exit', (code, signal) => {
      child.process = undefined;
      child.exited?.();
      // A signal from the terminal reaches the children and `npm start` together: give the
      // shutdown a moment to be noticed before calling this a crash.
      setTimeout(() => {
        if (this.#stopping) return;
        child.failures = Date.now() - startedAt >= HEALTHY_AFTER_MS ? 1 : child.failures + 1;
        const delay = Math.min(FIRST_DELAY_MS * 2 ** (child.failures - 1), MAX_DELAY_MS);
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        this.output.log('error', 'start', `${child.name} ${how}; restarting in ${delay / 1000} s`);
        child.timer = setTimeout(() => this.#launch(child), delay);
      }, 100);
    });
  }

  /** Stops every process: SIGTERM, then SIGKILL for those still running after `graceMs`. */
  async stop(graceMs) {
    this.#stopping = true;
    const running = [];
    for (const child of this.#children.values()) {
      clearTimeout(child.timer);
      const proc = child.process;
      if (!proc) continue;
      running.push(
        new Promise((resolve) => {
          child.exited = resolve;
          proc.kill('SIGTERM');
          setTimeout(() => {
            if (!child.process) return;
            this.output.log('warn', 'start', `${child.name} still running after ${graceMs / 1000} s; killing it`);
            proc.kill('SIGKILL');
          }, graceMs).unref();
        }),
      );
    }
    await Promise.all(running);
  }

  /** Kills every process at once (a second Ctrl-C). */
  kill() {
    this.#stopping = true;
    for (const child of this.#children.values()) {
      clearTimeout(child.timer);
      child.process?.kill('SIGKILL');
    }
  }
}
