import { Module } from '@nestjs/common';
import { ConfigModule, LoggingModule } from '@rapport/config';
import { DbModule } from '@rapport/db';
import { ScoringModule } from '@rapport/scoring';
import { ProjectionService } from '../projection/projection.service';
import { HistoryRebuilder } from '../scoring/history-rebuilder.service';
import { ReplayService } from './replay.service';

/** The replay command's module: the database and the scoring code, no Kafka, no schedules. */
@Module({
  imports: [ConfigModule, LoggingModule, DbModule, ScoringModule],
  providers: [ProjectionService, HistoryRebuilder, ReplayService],
})
export class ReplayModule {}
