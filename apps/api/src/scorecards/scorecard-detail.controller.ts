import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { EvidenceRow, WINDOWS } from '@rapport/contracts';
import { DimensionPoint } from '@rapport/db';
import { z } from 'zod';
import { CurrentPrincipal } from '../access/access.decorators';
import { Principal, scopeOf } from '../access/principal';
import { ValidQuery } from '../shared/zod-validation.pipe';
import { ScorecardDetailService } from './scorecard-detail.service';
import { Evaluation, evaluatedAt, evaluationSchema, windowName } from './scorecard-queries';

const historySchema = z.object({ window: windowName, days: z.coerce.number().int().min(1).max(90).default(30) });

/**
 * Read-only details of one contract's scorecard for the dashboard's contract page. The route's
 * `:contractId` is checked against the caller's scope before the handler runs (as for every
 * scorecard route), so another tenant's contract is a 404.
 */
@ApiTags('scorecards')
@ApiBearerAuth()
@Controller('api/v1/scorecards')
export class ScorecardDetailController {
  constructor(private readonly details: ScorecardDetailService) {}

  @Get(':contractId/dimension-history')
  @ApiQuery({ name: 'window', required: false, enum: Object.keys(WINDOWS) })
  @ApiQuery({ name: 'days', required: false })
  dimensionHistory(
    @CurrentPrincipal() who: Principal,
    @Param('contractId', ParseUUIDPipe) contractId: string,
    @ValidQuery(historySchema) q: z.infer<typeof historySchema>,
  ): Promise<DimensionPoint[]> {
    return this.details.dimensionHistory(scopeOf(who), contractId, q.window, q.days);
  }

  @Get(':contractId/evidence')
  @ApiQuery({ name: 'window', required: false, enum: Object.keys(WINDOWS) })
  @ApiQuery({ name: 'at', required: false, description: 'ISO instant to evaluate at, 1970–2200 (default now)' })
  evidence(
    @CurrentPrincipal() who: Principal,
    @Param('contractId', ParseUUIDPipe) contractId: string,
    @ValidQuery(evaluationSchema) q: Evaluation,
  ): Promise<EvidenceRow[]> {
    return this.details.evidence(scopeOf(who), contractId, q.window, evaluatedAt(q));
  }
}
