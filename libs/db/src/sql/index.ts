export * from './pg-pool';
export * from './sql-database';
