import { Injectable } from '@nestjs/common';
import { PrismaService } from './prisma.service';

/** Signs of life of pipeline workers, by their consumer-group member id. */
@Injectable()
export class WorkerHeartbeatRepository {
  constructor(private readonly prisma: PrismaService) {}

  async beat(memberIds: string[], at = new Date()): Promise<void> {
    if (!memberIds.length) return;
    await this.prisma.$transaction(
      memberIds.map((memberId) => this.prisma.workerHeartbeat.upsert({ where: { memberId }, create: { memberId, at }, update: { at } })),
    );
  }

  /** When each of these members last reported (absent: never). */
  async lastSeen(memberIds: string[]): Promise<Map<string, Date>> {
    const rows = await this.prisma.workerHeartbeat.findMany({ where: { memberId: { in: memberIds } } });
    return new Map(rows.map((r) => [r.memberId, r.at]));
  }

  /** Forgets members gone for longer than `olderThan` (each restart joins with a new member id). */
  async forget(olderThan: Date): Promise<void> {
    await this.prisma.workerHeartbeat.deleteMany({ where: { at: { lt: olderThan } } });
  }
}
