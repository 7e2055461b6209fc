import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AlertView } from '@rapport/contracts';
import { AlertRepository, QuarantinePage, QuarantineRepository } from '@rapport/db';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../access/access.decorators';
import { Principal, scopeOf } from '../access/principal';
import { ValidQuery } from '../shared/zod-validation.pipe';

const quarantineQuery = z.object({
  origin: z.enum(['pipeline', 'webhook']).optional(),
  tool: z.enum(['github', 'jira', 'zendesk', 'servicenow']).optional(),
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

/** What needs a human's attention: raised alerts and quarantined events. */
@ApiTags('oversight')
@ApiBearerAuth()
@Controller('api/v1')
export class OversightController {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly quarantine: QuarantineRepository,
  ) {}

  @Get('alerts')
  listAlerts(@CurrentPrincipal() who: Principal): Promise<AlertView[]> {
    return this.alerts.list(scopeOf(who));
  }

  @Get('quarantine')
  @Roles('admin')
  listQuarantine(@ValidQuery(quarantineQuery) query: z.infer<typeof quarantineQuery>): Promise<QuarantinePage> {
    return this.quarantine.list(query);
  }
}
