import { Injectable } from '@nestjs/common';
import { Prisma } from './generated/prisma/client';
import { PrismaService } from './prisma.service';

export interface QuarantinedEventRow {
  id: string;
  source: string | null;
  eventId: string | null;
  reason: string;
  payload: unknown;
  createdAt: Date;
  replayedAt: Date | null;
}

/** Events the pipeline could not process, kept visible for admins until replayed. */
@Injectable()
export class QuarantineRepository {
  constructor(private readonly prisma: PrismaService) {}

  async add(entry: { source?: string; eventId?: string; reason: string; payload: unknown }): Promise<void> {
    await this.prisma.quarantinedEvent.create({
      data: {
        source: entry.source ?? null,
        eventId: entry.eventId ?? null,
        reason: entry.reason,
        payload: (entry.payload ?? null) as Prisma.InputJsonValue,
      },
    });
  }

  async list(limit = 200): Promise<QuarantinedEventRow[]> {
    const rows = await this.prisma.quarantinedEvent.findMany({ orderBy: { id: 'desc' }, take: limit });
    return rows.map((r) => ({ ...r, id: r.id.toString() }));
  }
}
