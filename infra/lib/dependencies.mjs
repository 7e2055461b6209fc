// Waits for the services the apps need, so that start-up does not crash on a database or a broker
// that is still coming up: the database must answer a query, one broker must accept connections.
import { connect } from 'node:net';
import pg from 'pg';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function databaseAnswers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
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

function portOpen(hostPort) {
  const at = hostPort.lastIndexOf(':');
  return new Promise((resolve) => {
    const socket = connect({ host: hostPort.slice(0, at), port: Number(hostPort.slice(at + 1)), timeout: 2000 });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/** Resolves once `check` passes; says what it waits for every 10 s; false when `signal` aborts first. */
async function waitUntil(what, check, log, signal) {
  let next = Date.now();
  while (!signal.aborted) {
    if (await check()) return true;
    if (Date.now() >= next) {
      log('warn', 'start', `waiting for ${what}`);
      next = Date.now() + 10_000;
    }
    await sleep(500);
  }
  return false;
}

export function waitForDatabase(url, log, signal) {
  return waitUntil(`the database at ${new URL(url).host}`, () => databaseAnswers(url), log, signal);
}

export function waitForBroker(brokers, log, signal) {
  const list = brokers
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  return waitUntil(`a Kafka broker (${list.join(', ')})`, async () => (await Promise.all(list.map(portOpen))).some(Boolean), log, signal);
}
