export * from './pg-pool';
export * from './sql-database';
export * from './column-arrays';
