import { Injectable } from '@nestjs/common';
import { PIPELINE_GROUP, TOPICS } from '@rapport/contracts';
import { SqlDatabase, WorkerHeartbeatRepository } from '@rapport/db';
import { KafkaService } from '@rapport/kafka';
import { PipelineProgress } from './pipeline-progress';

const PROBE_TIMEOUT_MS = 3_000;

export interface Readiness {
  ready: boolean;
  database: 'up' | 'down';
  kafka: 'up' | 'down';
  pipeline: string;
  live: 'up' | 'down';
}

/** Is the product working end to end? Every probe answers within a few seconds, whatever is down. */
@Injectable()
export class ReadinessService {
  private readonly progress = new PipelineProgress();

  constructor(
    private readonly db: SqlDatabase,
    private readonly kafka: KafkaService,
    private readonly heartbeats: WorkerHeartbeatRepository,
  ) {}

  async check(now = Date.now()): Promise<Readiness> {
    const [database, kafka] = await Promise.all([within(this.db.ping(), PROBE_TIMEOUT_MS), this.kafka.ping()]);
    const verdict = kafka && database ? await this.judgePipeline(now) : null;
    const pipeline = !verdict ? 'unknown while Kafka or the database is unreachable' : verdict.ok ? 'consuming' : verdict.reason;
    // This instance's own consumer of score updates, without which its sockets go quiet.
    const live = this.kafka.consumerStatus().every((c) => c.running) ? 'up' : 'down';
    return {
      ready: Boolean(database && kafka && verdict?.ok && live === 'up'),
      database: database ? 'up' : 'down',
      kafka: kafka ? 'up' : 'down',
      pipeline,
      live,
    };
  }

  private async judgePipeline(now: number) {
    const group = await this.kafka.groupProgress(PIPELINE_GROUP, TOPICS.events);
    const lastSeen = group ? await this.heartbeats.lastSeen(group.memberIds).catch(() => new Map<string, Date>()) : new Map<string, Date>();
    return this.progress.judge(group, lastSeen, now);
  }
}

async function within(check: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([check.catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
