import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { IngestTokenRow } from '@rapport/db';
import { z } from 'zod';
import { Roles } from '../auth/auth.decorators';
import { found } from '../shared/found';
import { DocumentBody, ValidBody } from '../shared/zod-validation.pipe';
import { IngestTokenService } from './ingest-token.service';

const tokenSchema = z.object({ name: z.string().trim().min(1).max(200) });

/** Ingest tokens per source (a tool, a connector, a simulator); the secret is shown once. */
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
    return this.tokens.create(body.name);
  }

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
