import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { onCleanup } from './cleanup';

const run = promisify(execFile);

const dataDir = (port: number | string) => resolve(`.data/bench-kafka-${port}`);

/** A fresh single-node broker of infra/kafka on `port` (and port + 1), data under .data/bench-kafka-<port>. */
export async function startBroker(port: number): Promise<string> {
  const env = { ...process.env, KAFKA_PORT: String(port), KAFKA_DATA_DIR: dataDir(port) };
  const kafka = (command: string) => run('bash', ['infra/kafka/kafka.sh', command], { env });
  // A broker left by an interrupted run is stopped and its data dropped: every run starts empty.
  await kafka('stop');
  await rm(env.KAFKA_DATA_DIR, { recursive: true, force: true });
  await kafka('start');
  onCleanup(`Kafka broker on ${port}`, async () => {
    await kafka('stop');
  });
  return `127.0.0.1:${port}`;
}

/** The process id of the bench broker at `brokers` (infra/kafka keeps it in its data folder). */
export function brokerPid(brokers: string): number | undefined {
  try {
    return Number(readFileSync(`${dataDir(brokers.split(':').at(-1)!)}/broker.pid`, 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
}
