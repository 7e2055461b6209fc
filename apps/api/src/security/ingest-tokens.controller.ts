import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { IngestScope, IngestTokenRow } from '@rapport/db';
import { z } from 'zod';
import { Roles } from '../access/access.decorators';
import { found } from '../shared/found';
import { DocumentBody, ValidBody } from '../shared/zod-validation.pipe';
import { IngestTokenService } from './ingest-token.service';

const uuid = z.uuid().transform((s) => s.toLowerCase());
const tokenSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    vendorId: uuid.optional(),
    contractIds: z.array(uuid).min(1).max(100).optional(),
    allContracts: z.literal(true).optional(),
  })
  .strict()
  .refine((t) => [t.vendorId, t.contractIds, t.allContracts].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one scope: vendorId, contractIds, or allContracts: true (an admin-wide token)',
    path: ['vendorId'],
  });

const scopeOf = (t: z.infer<typeof tokenSchema>): IngestScope =>
  t.allContracts
    ? { kind: 'all' }
    : t.vendorId
      ? { kind: 'vendor', vendorId: t.vendorId }
      : { kind: 'contracts', contractIds: [...new Set(t.contractIds)] };

/**
 * Ingest tokens per source (a tool, a connector, a simulator); the secret is shown once. Each is
 * bound to one vendor's contracts, to named contracts, or (only when asked for) to every contract.
 */
@ApiTags('ingest tokens')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/ingest-tokens')
export class IngestTokensController {
  constructor(private readonly tokens: IngestTokenService) {}

  /** Returns `token` in plain text this once; only its SHA-256 is stored. */
  @Post()
  @DocumentBody(tokenSchema)
  create(@ValidBody(tokenSchema) body: z.infer<typeof tokenSchema>): Promise<IngestTokenRow & { token: string }> {
    return this.tokens.create(body.name, scopeOf(body));
  }

  /** Every token with its scope (`{kind: 'vendor', vendorId}`, `{kind: 'contracts', contractIds}` or `{kind: 'all'}`). */
  @Get()
  list(): Promise<IngestTokenRow[]> {
    return this.tokens.list();
  }

  /** Revokes the token (it stays listed, with revokedAt). */
  @Delete(':id')
  @HttpCode(204)
  async revoke(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    found(await this.tokens.revoke(id));
  }
}
