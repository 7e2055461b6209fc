import { Module } from '@nestjs/common';
import { AccountRepository } from './account.repository';
import { AuditLogRepository } from './audit-log.repository';
import { IngestTokenRepository } from './ingest-token.repository';
import { RefreshTokenRepository } from './refresh-token.repository';

const repositories = [AccountRepository, AuditLogRepository, IngestTokenRepository, RefreshTokenRepository];

/** Repositories of accounts, credentials and the audit trail; PrismaService comes from the global DbModule. */
@Module({ providers: repositories, exports: repositories })
export class AccessDbModule {}
