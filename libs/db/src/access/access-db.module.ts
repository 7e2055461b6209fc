import { Module } from '@nestjs/common';
import { AuditLogRepository } from './audit-log.repository';
import { IngestTokenRepository } from './ingest-token.repository';
import { RefreshTokenRepository } from './refresh-token.repository';

const repositories = [AuditLogRepository, IngestTokenRepository, RefreshTokenRepository];

/** Repositories of credentials and the audit trail; PrismaService comes from the global DbModule. */
@Module({ providers: repositories, exports: repositories })
export class AccessDbModule {}
