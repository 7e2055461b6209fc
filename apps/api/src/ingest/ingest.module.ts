import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { SecurityModule } from '../security/security.module';
import { CanonicalEventSender } from './canonical-event.sender';
import { EventsController } from './events.controller';
import { IngestService } from './ingest.service';
import { IngestTokenGuard } from './ingest-token.guard';

/**
 * `POST /api/v1/events` for machines holding an ingest token, and the one validate-and-send of
 * canonical events that the connectors and quarantine replays use too.
 */
@Module({
  imports: [SecurityModule, MetricsModule],
  controllers: [EventsController],
  providers: [IngestService, IngestTokenGuard, CanonicalEventSender],
  exports: [CanonicalEventSender],
})
export class IngestModule {}
