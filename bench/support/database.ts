import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { onCleanup } from './cleanup';

const run = promisify(execFile);

/** A fresh database on the machine's PostgreSQL with every migration applied; dropped at cleanup. */
export async function freshDatabase(adminUrl: string, label: string): Promise<string> {
  const name = `rapport_bench_${label.replace(/\W/g, '_')}_${Date.now()}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  onCleanup(`database ${name}`, () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await run('bash', ['infra/db/prisma.sh', 'migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url.toString() } });
  return url.toString();
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** Runs `work` with a connected client and always closes it. */
export async function withClient<T>(url: string, work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}
