#!/usr/bin/env node
// `npm start`: the whole product on embedded defaults. Starts what is not configured (an embedded
// PostgreSQL, a local Kafka broker) or waits for what is, applies migrations, builds when a
// source changed, then runs the API, the pipeline and (unless SIMULATOR=off) the vendor-tool
// simulator, restarting any of them that exits. SIGINT or SIGTERM (Ctrl-C) stops everything
// within 10 s: the apps first (killed after 4 s), then the database and the broker.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForBroker, waitForDatabase } from './lib/dependencies.mjs';
import { createLogOutput } from './lib/log-lines.mjs';
import { localSecrets } from './lib/secrets.mjs';
import { Supervisor } from './lib/supervisor.mjs';

const APP_GRACE_MS = 4000;
const HARD_STOP_MS = 9500;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const output = createLogOutput();
const log = output.log;
const env = { ...process.env, ...localSecrets(`${root}/.data/secrets.env`) };
const aborted = new AbortController();
const steps = new Set(); // start-up commands still running
const stops = []; // how to stop what was started, in no particular order
let supervisor;

/** Runs a start-up command with its output in the log; resolves with its stdout when `capture`. */
function run(name, command, args, { capture = false, quiet = false } = {}) {
  return new Promise((resolvePromise, reject) => {
    // Its own process group, so that stopping it also stops what it started (npm → nest build, mvn…).
    const proc = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    steps.add(proc);
    let stdout = '';
    if (capture) {
      proc.stdout.on('data', (chunk) => (stdout += chunk));
      output.follow(name, { stderr: proc.stderr }, { stderrLevel: 'info' });
    } else {
      output.follow(name, proc, { stderrLevel: 'info', stdoutLevel: quiet ? 'debug' : undefined });
    }
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      steps.delete(proc);
      if (code === 0) resolvePromise(stdout);
      else reject(new Error(`${name}: ${[command, ...args].join(' ')} ${signal ? `was killed by ${signal}` : `exited with code ${code}`}`));
    });
  });
}

function killGroup(proc, signal) {
  try {
    process.kill(-proc.pid, signal);
  } catch {
    /* already gone */
  }
}

async function database() {
  if (env.DATABASE_URL) {
    await waitForDatabase(env.DATABASE_URL, log, aborted.signal);
    return;
  }
  const script = 'infra/db/embedded-postgres.mjs';
  stops.push(() => run('postgres', process.execPath, [script, 'stop']));
  await run('postgres', process.execPath, [script, 'start']);
  env.DATABASE_URL = (await run('postgres', process.execPath, [script, 'url'], { capture: true })).trim();
}

async function broker() {
  if (env.KAFKA_BROKERS) {
    await waitForBroker(env.KAFKA_BROKERS, log, aborted.signal);
    return;
  }
  stops.push(() => run('kafka', 'bash', ['infra/kafka/kafka.sh', 'stop']));
  await run('kafka', 'bash', ['infra/kafka/kafka.sh', 'start']);
  env.KAFKA_BROKERS = `127.0.0.1:${env.KAFKA_PORT || 19092}`;
}

/**
 * The worker's V8 flags (the bench starts it with the same): young generations of 64 MB instead of
 * 16. A batch's events, rows and statements live for a few scavenges; in 16 MB they were copied
 * and promoted, and under a steady load collections took 8–11 s of a 130 s run (3.6 s with 64 MB).
 */
const PIPELINE_NODE_FLAGS = JSON.parse(readFileSync(resolve(root, 'infra/pipeline-node-flags.json'), 'utf8'));

function startApps() {
  supervisor = new Supervisor(output, env);
  const main = (app, flags = []) => [process.execPath, [...flags, `dist/apps/${app}/apps/${app}/src/main.js`]];
  const port = env.PORT || 3000;
  supervisor.add('api', ...main('api'));
  supervisor.add('pipeline', ...main('pipeline', PIPELINE_NODE_FLAGS));
  if (env.SIMULATOR !== 'off') {
    env.API_URL = `http://127.0.0.1:${port}`;
    supervisor.add('simulator', ...main('simulator'));
  }
  log('info', 'start', `Rapport is starting on http://localhost:${port} (API docs: /api/docs)`);
  log(
    'info',
    'start',
    env.ADMIN_PASSWORD === process.env.ADMIN_PASSWORD
      ? `Sign in as ${env.ADMIN_EMAIL} with ADMIN_PASSWORD. Ctrl-C stops everything.`
      : `Sign in as ${env.ADMIN_EMAIL}; the password is DEMO_ADMIN_PASSWORD in .data/secrets.env. Ctrl-C stops everything.`,
  );
}

let stopping;
function shutdown(reason, code) {
  if (stopping) {
    // A second Ctrl-C: no more waiting.
    log('warn', 'start', `${reason} again: killing everything now`);
    supervisor?.kill();
    for (const proc of steps) killGroup(proc, 'SIGKILL');
    void Promise.allSettled(stops.map((stop) => stop())).then(() => process.exit(code || 130));
    return;
  }
  stopping = true;
  aborted.abort();
  log('info', 'start', `${reason}: stopping`);
  setTimeout(() => {
    log('error', 'start', `not stopped after ${HARD_STOP_MS / 1000} s; exiting`);
    process.exit(1);
  }, HARD_STOP_MS).unref();
  for (const proc of steps) killGroup(proc, 'SIGTERM');
  void (supervisor?.stop(APP_GRACE_MS) ?? Promise.resolve())
    .then(() => Promise.allSettled(stops.map((stop) => stop())))
    .then(() => {
      log('info', 'start', 'stopped');
      process.exit(code);
    });
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => shutdown(signal, 0));
// Killed without a word (SIGKILL of npm, a closed terminal): stop rather than leave the product running unseen.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && !stopping && shutdown('parent process gone', 0), 1000).unref();
// Scripts stop quickly when asked to (the broker's controlled shutdown is bounded).
env.KAFKA_STOP_TIMEOUT ??= '3';

Promise.all([
  database().then(() => !aborted.signal.aborted && run('migrate', 'bash', ['infra/db/prisma.sh', 'migrate', 'deploy'], { quiet: true })),
  broker(),
  run('build', 'bash', ['infra/build-if-stale.sh']),
])
  .then(() => {
    if (!aborted.signal.aborted) startApps();
  })
  .catch((error) => {
    if (stopping) return;
    log('error', 'start', `start-up failed: ${error.message}`);
    shutdown('start-up failure', 1);
  });
