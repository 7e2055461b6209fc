import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The machine's PostgreSQL (trust auth); fresh databases for each test run are made there. */
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function asAdmin(statement: string): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** A new database with every migration applied; its name is unique to this run. */
export async function createTestDatabase(): Promise<{ name: string; url: string }> {
  const name = `rapport_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await asAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  execFileSync('bash', ['infra/db/prisma.sh', 'migrate', 'deploy'], {
    stdio: 'pipe',
    env: { ...process.env, DATABASE_URL: url.toString() },
  });
  return { name, url: url.toString() };
}

export async function dropTestDatabase(name: string | undefined): Promise<void> {
  if (name) await asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
