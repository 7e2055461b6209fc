import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ScorecardView, ScorePoint, VendorScorecardView, WINDOWS } from '@rapport/contracts';
import { z } from 'zod';
import { CurrentPrincipal } from '../access/access.decorators';
import { Principal, scopeOf } from '../access/principal';
import { ValidQuery } from '../shared/zod-validation.pipe';
import { ScorecardQueryService } from './scorecard-query.service';
import { Evaluation, evaluatedAt, evaluationSchema, windowName } from './scorecard-queries';

const historySchema = z.object({ window: windowName, days: z.coerce.number().int().min(1).max(365).default(30) });

@ApiTags('scorecards')
@ApiBearerAuth()
@Controller('api/v1')
export class ScorecardsController {
  constructor(private readonly query: ScorecardQueryService) {}

  @Get('scorecards')
  @ApiQuery({ name: 'window', required: false, enum: Object.keys(WINDOWS) })
  @ApiQuery({ name: 'at', required: false, description: 'ISO instant to evaluate at, 1970–2200 (default now)' })
  list(@CurrentPrincipal() who: Principal, @ValidQuery(evaluationSchema) q: Evaluation): Promise<ScorecardView[]> {
    return this.query.list(scopeOf(who), q.window, evaluatedAt(q));
  }

  @Get('scorecards/:contractId')
  @ApiQuery({ name: 'window', required: false, enum: Object.keys(WINDOWS) })
  @ApiQuery({ name: 'at', required: false, description: 'ISO instant to evaluate at, 1970–2200 (default now)' })
  read(
    @CurrentPrincipal() who: Principal,
    @Param('contractId', ParseUUIDPipe) contractId: string,
    @ValidQuery(evaluationSchema) q: Evaluation,
  ): Promise<ScorecardView> {
    return this.query.one(scopeOf(who), contractId, q.window, evaluatedAt(q));
  }

  @Get('scorecards/:contractId/history')
  @ApiQuery({ name: 'window', required: false, enum: Object.keys(WINDOWS) })
  @ApiQuery({ name: 'days', required: false, description: 'how far back (default 30)' })
  history(
    @CurrentPrincipal() who: Principal,
    @Param('contractId', ParseUUIDPipe) contractId: string,
    @ValidQuery(historySchema) q: z.infer<typeof historySchema>,
  ): Promise<ScorePoint[]> {
    return this.query.history(scopeOf(who), contractId, q.window, q.days);
  }

  @Get('vendors/:vendorId/scorecard')
  @ApiQuery({ name: 'window', required: false, enum: Object.keys(WINDOWS) })
  vendor(
    @CurrentPrincipal() who: Principal,
    @Param('vendorId', ParseUUIDPipe) vendorId: string,
    @ValidQuery(evaluationSchema) q: Evaluation,
  ): Promise<VendorScorecardView> {
    return this.query.vendor(scopeOf(who), vendorId, q.window, evaluatedAt(q));
  }
}
