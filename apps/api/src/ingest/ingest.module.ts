import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { SecurityModule } from '../security/security.module';
import { EventsController } from './events.controller';
import { IngestService } from './ingest.service';
import { IngestTokenGuard } from './ingest-token.guard';

/** `POST /api/v1/events`: canonical events from machines holding an ingest token. */
@Module({ imports: [SecurityModule, MetricsModule], controllers: [EventsController], providers: [IngestService, IngestTokenGuard] })
export class IngestModule {}
