import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ConfigModule, LoggingModule } from '@rapport/config';
import { DbModule } from '@rapport/db';
import { DigestModule } from '@rapport/digest';
import { KafkaModule } from '@rapport/kafka';
import { ScoringModule } from '@rapport/scoring';
import { AlertMailConsumer } from './digest/alert-mail.consumer';
import { DigestScheduler } from './digest/digest-scheduler.service';
import { DeadLetterService } from './ingest/dead-letter.service';
import { EventProcessor } from './ingest/event-processor.service';
import { WorkerHeartbeatService } from './health/worker-heartbeat.service';
import { EventsConsumer } from './ingest/events.consumer';
import { MetricsServer } from './metrics/metrics-server';
import { PipelineMetrics } from './metrics/pipeline-metrics';
import { ProjectionService } from './projection/projection.service';
import { HistoryRebuilder } from './scoring/history-rebuilder.service';
import { ScoreClock } from './scoring/score-clock.service';
import { LiveFacts } from './scoring/live-facts';
import { ContractScoring } from './scoring/scoring-loop';
import { ScorecardRefresher } from './scoring/scorecard-refresher.service';

@Module({
  imports: [ConfigModule, LoggingModule, DbModule, KafkaModule, ScoringModule, DigestModule, ScheduleModule.forRoot()],
  providers: [
    DeadLetterService,
    EventProcessor,
    EventsConsumer,
    ProjectionService,
    ScorecardRefresher,
    LiveFacts,
    ContractScoring,
    ScoreClock,
    HistoryRebuilder,
    PipelineMetrics,
    MetricsServer,
    WorkerHeartbeatService,
    DigestScheduler,
    AlertMailConsumer,
  ],
})
export class PipelineModule {}
