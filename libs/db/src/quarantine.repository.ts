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

/** A quarantined event with where it was stopped: "pipeline" (dead-lettered) or "webhook" (with its tool). */
export interface QuarantineEntry extends QuarantinedEventRow {
  origin: string;
  tool: string | null;
}

const entryId = (id: string): bigint | null => (/^[0-9]{1,18}$/.test(id) ? BigInt(id) : null);

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

  /**
   * Keeps a webhook delivery that could not be turned into events yet (e.g. an unmapped source).
   * `deliveryKey` identifies the delivery: the same one again (a tool's retry or a replay) is kept
   * once, and then null is returned instead of a new entry's id.
   */
  async addFromWebhook(entry: {
    tool: string;
    source?: string;
    eventId?: string;
    reason: string;
    payload: unknown;
    deliveryKey: string;
  }): Promise<string | null> {
    const [row] = await this.prisma.quarantinedEvent.createManyAndReturn({
      data: [
        {
          origin: 'webhook',
          tool: entry.tool,
          source: entry.source ?? null,
          eventId: entry.eventId ?? null,
          reason: entry.reason,
          payload: (entry.payload ?? null) as Prisma.InputJsonValue,
          deliveryKey: entry.deliveryKey,
        },
      ],
      skipDuplicates: true,
      select: { id: true },
    });
    return row ? row.id.toString() : null;
  }

  async find(id: string): Promise<QuarantineEntry | null> {
    const key = entryId(id);
    const row = key === null ? null : await this.prisma.quarantinedEvent.findUnique({ where: { id: key } });
    return row && { ...row, id: row.id.toString() };
  }

  /** Records a replay; returns its time, or null when there is no such entry. */
  async markReplayed(id: string, at = new Date()): Promise<Date | null> {
    const key = entryId(id);
    if (key === null) return null;
    const { count } = await this.prisma.quarantinedEvent.updateMany({ where: { id: key }, data: { replayedAt: at } });
    return count ? at : null;
  }
}
