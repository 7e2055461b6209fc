import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuditLogRepository, AuditLogRow } from '@rapport/db';
import { z } from 'zod';
import { Roles } from '../access/access.decorators';
import { ValidQuery } from '../shared/zod-validation.pipe';
import { bigintId } from './input-bounds';

const querySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: bigintId.optional(),
  action: z.string().min(1).max(200).optional(),
  actorId: z.uuid().optional(),
});

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/audit-log')
export class AuditLogController {
  constructor(private readonly log: AuditLogRepository) {}

  /** Newest first; page with `before=<id of the last entry seen>`. */
  @Get()
  @ApiQuery({ name: 'limit', required: false, description: '1–500, default 100' })
  @ApiQuery({ name: 'before', required: false, description: 'only entries with a smaller id' })
  @ApiQuery({ name: 'action', required: false, description: 'only actions starting with this, e.g. auth.login or DELETE' })
  @ApiQuery({ name: 'actorId', required: false })
  list(@ValidQuery(querySchema) q: z.infer<typeof querySchema>): Promise<AuditLogRow[]> {
    return this.log.list(q);
  }
}
