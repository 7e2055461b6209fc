import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AlertView } from '@rapport/contracts';
import { AlertRecord } from '@rapport/db';
import { z } from 'zod';
import { AuthenticatedRequest, CurrentPrincipal, Roles } from '../access/access.decorators';
import { Principal, scopeOf } from '../access/principal';
import { AuditedByHandler } from '../security/audit.interceptor';
import { DocumentBody, ValidBody, ValidQuery } from '../shared/zod-validation.pipe';
import { AlertsService } from './alerts.service';

const historySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  severity: z.enum(['info', 'warning', 'critical']).optional(),
  kind: z.enum(['band_change', 'sla_breach', 'sharp_drop']).optional(),
  acknowledged: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

/** An optional note, kept in the audit entry; nothing else may be sent. */
const acknowledgeSchema = z.strictObject({ note: z.string().trim().max(500).optional() }).default({});

/** Raised alerts and their history (scoped like every read), and acknowledgement by the client's staff, audited. */
@ApiTags('alerts')
@ApiBearerAuth()
@Controller('api/v1/alerts')
export class AlertHistoryController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  list(@CurrentPrincipal() who: Principal): Promise<AlertView[]> {
    return this.alerts.list(scopeOf(who));
  }

  @Get('history')
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'severity', required: false, enum: ['info', 'warning', 'critical'] })
  @ApiQuery({ name: 'kind', required: false, enum: ['band_change', 'sla_breach', 'sharp_drop'] })
  @ApiQuery({ name: 'acknowledged', required: false, enum: ['true', 'false'] })
  history(@CurrentPrincipal() who: Principal, @ValidQuery(historySchema) q: z.infer<typeof historySchema>): Promise<AlertRecord[]> {
    return this.alerts.history(scopeOf(who), q);
  }

  @Post(':id/acknowledge')
  @Roles('admin', 'manager')
  @HttpCode(200)
  @AuditedByHandler()
  @DocumentBody(acknowledgeSchema)
  acknowledge(
    @CurrentPrincipal() who: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @ValidBody(acknowledgeSchema) body: z.infer<typeof acknowledgeSchema>,
    @Req() req: AuthenticatedRequest,
  ): Promise<AlertRecord> {
    return this.alerts.acknowledge(who, id, body.note, req.ip ?? null);
  }
}
