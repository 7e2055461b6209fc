export * from './pg-pool';
export * from './sql-database';
export * from './jsonb-rows';
