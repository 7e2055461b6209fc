import { Module } from '@nestjs/common';
import { ContractDetailRepository } from '@rapport/db';
import { ScoringModule } from '@rapport/scoring';
import { ScorecardDetailController } from './scorecard-detail.controller';
import { ScorecardDetailService } from './scorecard-detail.service';
import { ScorecardQueryService } from './scorecard-query.service';
import { ScorecardsController } from './scorecards.controller';

/** Scorecards read through the caller's scope: lists, one contract with its evidence, vendors, history. */
@Module({
  imports: [ScoringModule],
  controllers: [ScorecardsController, ScorecardDetailController],
  providers: [ScorecardQueryService, ScorecardDetailService, ContractDetailRepository],
})
export class ScorecardsModule {}
