import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { ReadinessService } from './readiness.service';

/** Liveness and readiness probes. */
@Module({ controllers: [HealthController], providers: [ReadinessService] })
export class HealthModule {}
