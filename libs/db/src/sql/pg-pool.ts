import type { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import { Pool } from 'pg';

/** The one connection pool of a process, shared by the Prisma client and the typed SQL of the hot path. */
export const PG_POOL = Symbol('PG_POOL');

export const pgPoolProvider: Provider = {
  provide: PG_POOL,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => new Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE }),
};
