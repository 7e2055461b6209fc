// Repositories of the connector mapping rules, vendor accounts and webhook secrets.
export * from './connector-source.repository';
export * from './vendor-account.repository';
export * from './connector-secret.repository';
export * from './connectors-db.module';
export type { ConnectorTool } from '../generated/prisma/enums';
