import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { toolSchema } from '@rapport/connectors';
import type { ConnectorSecretRow } from '@rapport/db';
import { z } from 'zod';
import { Roles } from '../access/access.decorators';
import { DocumentBody, ValidBody, ValidQuery } from '../shared/zod-validation.pipe';
import { CreatedSecret, WebhookSecretsService } from './webhook-secrets.service';

const secretSchema = z.object({
  tool: toolSchema,
  label: z.string().trim().min(1).max(100),
  /** The tool's own signing secret (Zendesk generates one); omitted, Rapport generates one. */
  secret: z.string().min(16).max(500).optional(),
});
const filterSchema = z.object({ tool: toolSchema.optional() });

/** Webhook secrets: created (shown once), listed without values, revoked. */
@ApiTags('connectors')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/connectors/secrets')
export class ConnectorSecretsController {
  constructor(private readonly secrets: WebhookSecretsService) {}

  @Post()
  @DocumentBody(secretSchema)
  create(@ValidBody(secretSchema) body: z.infer<typeof secretSchema>): Promise<CreatedSecret> {
    return this.secrets.create(body.tool, body.label, body.secret);
  }

  @Get()
  @ApiQuery({ name: 'tool', required: false })
  list(@ValidQuery(filterSchema) q: z.infer<typeof filterSchema>): Promise<ConnectorSecretRow[]> {
    return this.secrets.list(q.tool);
  }

  /** Requests signed only with this secret are refused from now on; the row stays for the record. */
  @Post(':id/revoke')
  @HttpCode(200)
  revoke(@Param('id', ParseUUIDPipe) id: string): Promise<ConnectorSecretRow> {
    return this.secrets.revoke(id);
  }
}
