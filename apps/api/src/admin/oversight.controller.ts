import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AlertView } from '@rapport/contracts';
import { AlertRepository, QuarantinedEventRow, QuarantineRepository } from '@rapport/db';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { Principal, scopeOf } from '../auth/principal';

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
  listQuarantine(): Promise<QuarantinedEventRow[]> {
    return this.quarantine.list();
  }
}
