import { Module } from '@nestjs/common';
import { ConnectorsDbModule } from '@rapport/db';
import { IngestModule } from '../ingest/ingest.module';
import { ConnectorSecretsController } from './connector-secrets.controller';
import { MappingRulesController } from './mapping-rules.controller';
import { QuarantineReplayController } from './quarantine-replay.controller';
import { QuarantineReplayService } from './quarantine-replay.service';
import { SecretBox } from './secret-box';
import { WebhookIntakeService } from './webhook-intake.service';
import { WebhookSecretsService } from './webhook-secrets.service';
import { WebhooksController } from './webhooks.controller';

/** Vendor tools' native webhooks → canonical events; connector mapping rules and secrets. */
@Module({
  imports: [ConnectorsDbModule, IngestModule],
  controllers: [WebhooksController, MappingRulesController, ConnectorSecretsController, QuarantineReplayController],
  providers: [SecretBox, WebhookSecretsService, WebhookIntakeService, QuarantineReplayService],
})
export class WebhooksModule {}
