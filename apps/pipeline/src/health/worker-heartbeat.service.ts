import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { WorkerHeartbeatRepository } from '@rapport/db';
import { KafkaService } from '@rapport/kafka';

export const HEARTBEAT_EVERY_MS = 2_000;

/**
 * Reports this worker alive, under its consumer-group member id, every few seconds. The API's
 * readiness probe compares the group's members with these reports: a killed or hung worker still
 * holds its partitions until its Kafka session times out, but stops reporting at once.
 */
@Injectable()
export class WorkerHeartbeatService {
  constructor(
    private readonly kafka: KafkaService,
    private readonly heartbeats: WorkerHeartbeatRepository,
  ) {}

  @Interval(HEARTBEAT_EVERY_MS)
  async beat(): Promise<void> {
    const members = this.kafka.consumerStatus().flatMap((c) => (c.memberId ? [c.memberId] : []));
    // A database outage shows in readiness anyway; the next beat reports again.
    await this.heartbeats.beat(members).catch(() => undefined);
  }

  @Interval(60 * 60_000)
  async forgetOld(): Promise<void> {
    await this.heartbeats.forget(new Date(Date.now() - 24 * 60 * 60_000)).catch(() => undefined);
  }
}
