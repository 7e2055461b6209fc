import { Module } from '@nestjs/common';
import { EventsController } from './events.controller';
import { IngestService } from './ingest.service';
import { IngestTokenGuard } from './ingest-token.guard';

@Module({ controllers: [EventsController], providers: [IngestService, IngestTokenGuard] })
export class IngestModule {}
