import { createTestDatabase } from './test-database';

/**
 * Before the integration suites: a database of their own (no broker, no dashboard build).
 * Kept under names of its own, since one jest run may also set up the end-to-end tier in the
 * same process; integration-env.ts hands it to each suite as DATABASE_URL.
 */
export default async function integrationGlobalSetup(): Promise<void> {
  const database = await createTestDatabase();
  process.env.TEST_INTEGRATION_DATABASE_URL = database.url;
  process.env.TEST_INTEGRATION_DATABASE_NAME = database.name;
}
