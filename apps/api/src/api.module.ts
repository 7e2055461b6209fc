import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ConfigModule, LoggingModule } from '@rapport/config';
import { AccessDbModule, ContractDetailRepository, DbModule } from '@rapport/db';
import { KafkaModule } from '@rapport/kafka';
import { ScoringModule } from '@rapport/scoring';
import { ContractsController } from './admin/contracts.controller';
import { OversightController } from './admin/oversight.controller';
import { UsersController } from './admin/users.controller';
import { UsersService } from './admin/users.service';
import { VendorsController } from './admin/vendors.controller';
import { AlertsModule } from './alerts/alerts.module';
import { AuthModule } from './auth/auth.module';
import { DigestsModule } from './digests/digests.module';
import { HealthController } from './health/health.controller';
import { ReadinessService } from './health/readiness.service';
import { IngestModule } from './ingest/ingest.module';
import { LiveGateway } from './live/live.gateway';
import { UpdatesConsumer } from './live/updates.consumer';
import { MetricsModule } from './metrics/metrics.module';
import { ScorecardDetailController } from './scorecards/scorecard-detail.controller';
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
    AccessDbModule,
    KafkaModule,
    ScoringModule,
    SecurityModule,
    AuthModule,
    IngestModule,
    WebhooksModule,
    DigestsModule,
    MetricsModule,
    AlertsModule,
  ],
  controllers: [
    HealthController,
    VendorsController,
    ContractsController,
    UsersController,
    OversightController,
    ScorecardsController,
    ScorecardDetailController,
  ],
  providers: [
    UsersService,
    ScorecardQueryService,
    ContractDetailRepository,
    LiveGateway,
    UpdatesConsumer,
    ReadinessService,
    { provide: APP_FILTER, useClass: DbErrorFilter },
  ],
})
export class ApiModule {}
