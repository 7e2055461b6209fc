import { dropTestDatabase } from './test-database';

export default async function integrationGlobalTeardown(): Promise<void> {
  await dropTestDatabase(process.env.TEST_INTEGRATION_DATABASE_NAME);
}
