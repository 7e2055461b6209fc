import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { withClient } from './database';

export interface Machine {
  cpuModel: string;
  cpus: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  postgres: string;
  kafka: string;
}

export interface Load {
  at: string;
  /** 1, 5 and 15 minute load averages, as `uptime` prints them. */
  loadAverage: number[];
}

/** The hardware and software the figures were measured on (the figures mean little without it). */
export async function describeMachine(databaseAdminUrl: string): Promise<Machine> {
  const lscpu = run('lscpu');
  const postgres = await withClient(
    databaseAdminUrl,
    async (db) => (await db.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v,
  );
  const pom = readFileSync('infra/kafka/pom.xml', 'utf8');
  return {
    cpuModel: /^Model name:\s*(.+)$/m.exec(lscpu)?.[1] ?? cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    kernel: release(),
    node: process.version,
    postgres: `PostgreSQL ${postgres}`,
    kafka: `Apache Kafka ${/<kafka.version>(.+)<\/kafka.version>/.exec(pom)?.[1] ?? '?'} (single node, KRaft)`,
  };
}

/** The machine is shared: record how busy it was. */
export function currentLoad(): Load {
  return { at: new Date().toISOString(), loadAverage: loadavg().map((l) => Math.round(l * 100) / 100) };
}

export function gitCommit(): string {
  const commit = run('git', ['rev-parse', '--short', 'HEAD']).trim();
  const dirty = run('git', ['status', '--porcelain', '--', 'apps', 'libs', 'prisma']).trim() ? ' (with uncommitted changes)' : '';
  return commit + dirty;
}

function run(command: string, args: string[] = []): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}
