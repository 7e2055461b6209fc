import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createTestDatabase } from './test-database';

/**
 * Before the end-to-end suites: a fresh database on the machine's PostgreSQL with every
 * migration applied, and the environment the apps read. The broker is started by infra/test.sh.
 */
export default async function globalSetup(): Promise<void> {
  const database = await createTestDatabase();
  // The API serves the dashboard from dist/dashboard; browser tests need a current build.
  execFileSync('node', ['apps/dashboard/build.mjs'], { stdio: 'pipe' });

  process.env.DATABASE_URL = database.url;
  process.env.TEST_DATABASE_NAME = database.name;
  process.env.KAFKA_BROKERS = process.env.TEST_KAFKA_BROKERS ?? '127.0.0.1:29092';
  process.env.KAFKA_GROUP_PREFIX = `rapport-test-${database.name}`;
  process.env.AUTH_SECRET = randomBytes(48).toString('base64url');
  process.env.INGEST_TOKEN = randomBytes(24).toString('hex');
  process.env.ADMIN_EMAIL = 'admin@rapport.test';
  process.env.ADMIN_PASSWORD = randomBytes(12).toString('hex');
  process.env.LOG_LEVEL = 'warn';
  process.env.PIPELINE_METRICS_PORT = '0';
  process.env.DATABASE_POOL_SIZE = '5';
}
