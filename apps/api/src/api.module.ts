import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ConfigModule, LoggingModule } from '@rapport/config';
import { DbModule } from '@rapport/db';
import { KafkaModule } from '@rapport/kafka';
import { AdminModule } from './admin/admin.module';
import { AlertsModule } from './alerts/alerts.module';
import { AuthModule } from './auth/auth.module';
import { ConnectorsModule } from './connectors/connectors.module';
import { DigestsModule } from './digests/digests.module';
import { HealthModule } from './health/health.module';
import { IngestModule } from './ingest/ingest.module';
import { LiveModule } from './live/live.module';
import { MetricsModule } from './metrics/metrics.module';
import { QuarantineModule } from './quarantine/quarantine.module';
import { ScorecardsModule } from './scorecards/scorecards.module';
import { SecurityModule } from './security/security.module';
import { DbErrorFilter } from './shared/db-error.filter';

/** The API: global infrastructure (config, logs, database, Kafka) and one module per concern. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DbModule,
    KafkaModule,
    SecurityModule,
    AuthModule,
    AdminModule,
    ScorecardsModule,
    AlertsModule,
    IngestModule,
    ConnectorsModule,
    QuarantineModule,
    LiveModule,
    HealthModule,
    DigestsModule,
    MetricsModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: DbErrorFilter }],
})
export class ApiModule {}
