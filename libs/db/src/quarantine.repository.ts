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

export interface DeadLetterEntry {
  source?: string;
  eventId?: string;
  reason: string;
  payload: unknown;
  /** Where it was read ("topic/partition/offset"): the same message quarantined twice is kept once. */
  sourceOffset: string;
}

export interface QuarantineQuery {
  origin?: 'pipeline' | 'webhook';
  tool?: string;
  /** true: only replayed entries; false: only those still waiting. */
  replayed?: boolean;
  /** Case-insensitive text in the reason, source or event id. */
  search?: string;
  /** Entries older than this id (the previous page's `nextCursor`). */
  before?: string;
  limit: number;
}

export interface QuarantinePage {
  items: QuarantineEntry[];
  /** How many entries match the filters, on every page. */
  total: number;
  nextCursor: string | null;
}

/**
 * The quarantine's one store: what was stopped on its way in, kept for admins until replayed.
 * Written from two origins, each deduplicated by its own key: the pipeline's dead letters
 * (by where they were read) and the API's webhook deliveries (by delivery). Listed and replayed
 * by the API's quarantine module.
 */
@Injectable()
export class QuarantineRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Many dead letters in one statement; returns the id of each one (in order), whether new or already kept. */
  async addDeadLetters(entries: DeadLetterEntry[]): Promise<string[]> {
    if (!entries.length) return [];
    await this.prisma.quarantinedEvent.createMany({
      data: entries.map((e) => ({
        source: e.source ?? null,
        eventId: e.eventId ?? null,
        reason: e.reason,
        payload: (e.payload ?? null) as Prisma.InputJsonValue,
        sourceOffset: e.sourceOffset,
      })),
      skipDuplicates: true,
    });
    const rows = await this.prisma.quarantinedEvent.findMany({
      where: { sourceOffset: { in: entries.map((e) => e.sourceOffset) } },
      select: { id: true, sourceOffset: true },
    });
    const ids = new Map(rows.map((r) => [r.sourceOffset, r.id.toString()]));
    return entries.map((e) => ids.get(e.sourceOffset)!);
  }

  async list(query: QuarantineQuery): Promise<QuarantinePage> {
    const search = query.search ? { contains: query.search, mode: 'insensitive' as const } : undefined;
    const where: Prisma.QuarantinedEventWhereInput = {
      origin: query.origin,
      tool: query.tool,
      replayedAt: query.replayed === undefined ? undefined : query.replayed ? { not: null } : null,
      OR: search ? [{ reason: search }, { source: search }, { eventId: search }] : undefined,
    };
    const before = query.before === undefined ? null : entryId(query.before);
    const [rows, total] = await Promise.all([
      this.prisma.quarantinedEvent.findMany({
        where: before === null ? where : { ...where, id: { lt: before } },
        orderBy: { id: 'desc' },
        take: query.limit + 1,
      }),
      this.prisma.quarantinedEvent.count({ where }),
    ]);
    const items = rows.slice(0, query.limit).map((r) => ({ ...r, id: r.id.toString() }));
    return { items, total, nextCursor: rows.length > query.limit ? items.at(-1)!.id : null };
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
