import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ConfigModule, LoggingModule } from '@rapport/config';
import { DbModule } from '@rapport/db';
import { KafkaModule } from '@rapport/kafka';
import { ScoringModule } from '@rapport/scoring';
import { ContractsController } from './admin/contracts.controller';
import { OversightController } from './admin/oversight.controller';
import { UsersController } from './admin/users.controller';
import { VendorsController } from './admin/vendors.controller';
import { AuthModule } from './auth/auth.module';
import { DigestsModule } from './digests/digests.module';
import { HealthController } from './health/health.controller';
import { IngestModule } from './ingest/ingest.module';
import { LiveGateway } from './live/live.gateway';
import { UpdatesConsumer } from './live/updates.consumer';
import { ScorecardQueryService } from './scorecards/scorecard-query.service';
import { ScorecardsController } from './scorecards/scorecards.controller';
import { SecurityModule } from './security/security.module';
import { DbErrorFilter } from './shared/db-error.filter';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DbModule,
    KafkaModule,
    ScoringModule,
    SecurityModule,
    AuthModule,
    IngestModule,
    WebhooksModule,
    DigestsModule,
  ],
  controllers: [HealthController, VendorsController, ContractsController, UsersController, OversightController, ScorecardsController],
  providers: [ScorecardQueryService, LiveGateway, UpdatesConsumer, { provide: APP_FILTER, useClass: DbErrorFilter }],
})
export class ApiModule {}
