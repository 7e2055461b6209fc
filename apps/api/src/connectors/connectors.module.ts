import { Module } from '@nestjs/common';
import { ConnectorsDbModule } from '@rapport/db';
import { IngestModule } from '../ingest/ingest.module';
import { ConnectorSecretsController } from './connector-secrets.controller';
import { MappingRulesController } from './mapping-rules.controller';
import { MappingRulesService } from './mapping-rules.service';
import { SecretBox } from './secret-box';
import { WebhookIntakeService } from './webhook-intake.service';
import { WebhookSecretsService } from './webhook-secrets.service';
import { WebhooksController } from './webhooks.controller';

/**
 * Vendor tools' native webhooks → canonical events, and the admin routes that set them up
 * (mapping rules, webhook secrets). Exports the intake so that quarantine replays reuse it.
 */
@Module({
  imports: [ConnectorsDbModule, IngestModule],
  controllers: [WebhooksController, MappingRulesController, ConnectorSecretsController],
  providers: [SecretBox, WebhookSecretsService, MappingRulesService, WebhookIntakeService],
  exports: [WebhookIntakeService],
})
export class ConnectorsModule {}
