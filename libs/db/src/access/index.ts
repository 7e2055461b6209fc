// Repositories of ingest tokens, refresh tokens and the audit log.
export {};
