import { Module } from '@nestjs/common';
import { ConnectorsModule } from '../connectors/connectors.module';
import { IngestModule } from '../ingest/ingest.module';
import { QuarantineController } from './quarantine.controller';
import { QuarantineService } from './quarantine.service';

/** Listing and replay of every quarantined entry, dead letters and webhook deliveries alike. */
@Module({ imports: [ConnectorsModule, IngestModule], controllers: [QuarantineController], providers: [QuarantineService] })
export class QuarantineModule {}
