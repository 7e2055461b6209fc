import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerGetTrackerFunction, ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import { AccessDbModule } from '@rapport/db';
import type { Request } from 'express';
import { attemptedEmail, LOGIN_IP_THROTTLER, LOGIN_THROTTLER } from '../access/sign-in-rate-limits';
import type { Principal } from '../access/principal';
import { AuditLogController } from './audit-log.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditService } from './audit.service';
import { IngestTokenService } from './ingest-token.service';
import { IngestTokensController } from './ingest-tokens.controller';
import { ResourceScopeService } from './resource-scope.service';

const MINUTE_MS = 60_000;
// The throttler hands trackers an untyped request; it is Express's.
type TrackedRequest = Pick<Request, 'ip' | 'body'> & { principal?: Principal };
const ipOf: ThrottlerGetTrackerFunction = (req) => (req as TrackedRequest).ip ?? 'unknown';
// One account from one address. A signed-in caller (password change) is keyed on who they are,
// from any address, whatever the body says: a made-up `email` field gets no fresh bucket.
const ipAndAccountOf: ThrottlerGetTrackerFunction = (req) => {
  const { ip, body, principal } = req as TrackedRequest;
  if (principal) return `user:${principal.userId}`;
  return `${ip ?? 'unknown'}|${attemptedEmail(body)}`;
};

/**
 * Cross-cutting protection: rate limits (used by the sign-in routes and the ingest guard),
 * the audit trail and its admin routes, ingest tokens, and the scope check of route ids.
 * It knows nothing of sign-in itself: auth/ imports it, never the other way round.
 */
@Module({
  imports: [
    AccessDbModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          {
            name: LOGIN_THROTTLER,
            ttl: MINUTE_MS,
            limit: config.LOGIN_RATE_LIMIT,
            getTracker: ipAndAccountOf,
          },
          { name: LOGIN_IP_THROTTLER, ttl: MINUTE_MS, limit: config.LOGIN_IP_RATE_LIMIT, getTracker: ipOf },
        ],
      }),
    }),
  ],
  controllers: [IngestTokensController, AuditLogController],
  providers: [AuditService, IngestTokenService, ResourceScopeService, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditService, IngestTokenService, ResourceScopeService],
})
export class SecurityModule {}
