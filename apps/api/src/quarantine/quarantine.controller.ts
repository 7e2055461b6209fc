import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { toolSchema } from '@rapport/connectors';
import type { QuarantinePage } from '@rapport/db';
import { z } from 'zod';
import { Roles } from '../access/access.decorators';
import { DocumentBody, ValidBody, ValidQuery } from '../shared/zod-validation.pipe';
import { QuarantineService, ReplayResult } from './quarantine.service';

const listQuery = z.object({
  origin: z.enum(['pipeline', 'webhook']).optional(),
  tool: toolSchema.optional(),
  replayed: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  search: z.string().min(1).max(200).optional(),
  before: z
    .string()
    .regex(/^[0-9]{1,18}$/, 'the nextCursor of the previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const replaySchema = z.object({ contractid: z.uuid().optional() }).default({});

/** Events stopped on their way in, kept for admins: listed, then replayed once fixed. */
@ApiTags('quarantine')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/quarantine')
export class QuarantineController {
  constructor(private readonly quarantine: QuarantineService) {}

  /** Newest first; page with `before=<nextCursor>`. */
  @Get()
  list(@ValidQuery(listQuery) query: z.infer<typeof listQuery>): Promise<QuarantinePage> {
    return this.quarantine.list(query);
  }

  /** Fix and replay: after the mapping rule (or the contract) is in place, send the entry again. */
  @Post(':id/replay')
  @HttpCode(200)
  @DocumentBody(replaySchema)
  replay(@Param('id') id: string, @ValidBody(replaySchema) body: z.infer<typeof replaySchema>): Promise<ReplayResult> {
    return this.quarantine.replay(id, body);
  }
}
