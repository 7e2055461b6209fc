// Repositories of ingest tokens, refresh tokens and the audit log.
export * from './access-db.module';
export * from './account.repository';
export * from './audit-log.repository';
export * from './ingest-token.repository';
export * from './refresh-token.repository';
