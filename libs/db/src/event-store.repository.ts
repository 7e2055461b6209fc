import { Injectable } from '@nestjs/common';
import type { CanonicalEvent } from '@rapport/contracts';
import { Prisma } from './generated/prisma/client';
import { PrismaService } from './prisma.service';

/** The key under which one ticket's, deliverable's or feedback's events are folded together. */
export function subjectOf(event: CanonicalEvent): string {
  switch (event.type) {
    case 'ticket.opened':
    case 'ticket.responded':
    case 'ticket.resolved':
    case 'ticket.reopened':
      return `ticket:${event.data.ticketId}`;
    case 'deliverable.planned':
    case 'deliverable.submitted':
    case 'deliverable.accepted':
    case 'deliverable.rejected':
      return `deliverable:${event.data.deliverableId}`;
    case 'feedback.submitted':
      return `feedback:${event.data.feedbackId}`;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

export interface StoredEventRow {
  source: string;
  id: string;
  type: string;
  contractId: string;
  subjectId: string;
  time: Date;
  data: unknown;
}

/** How a canonical event is kept in the log. */
export const storedRow = (e: CanonicalEvent): StoredEventRow => ({
  source: e.source,
  id: e.id,
  type: e.type,
  contractId: e.contractid,
  subjectId: subjectOf(e),
  time: new Date(e.time),
  data: e.data,
});

/**
 * The event log: every accepted event exactly once, keyed by (contract, source, id). Duplicates
 * are per contract, so an event id claimed in one contract never hides another contract's event.
 */
@Injectable()
export class EventStoreRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Stores the events not seen before and returns those; duplicates are left out. */
  async insertNew(events: CanonicalEvent[], tx: Prisma.TransactionClient = this.prisma): Promise<CanonicalEvent[]> {
    if (!events.length) return [];
    const created = await tx.storedEvent.createManyAndReturn({
      data: events.map((e) => ({ ...storedRow(e), data: e.data as Prisma.InputJsonValue })),
      skipDuplicates: true,
      select: { contractId: true, source: true, id: true },
    });
    const key = (contractId: string, source: string, id: string) => `${contractId.toLowerCase()}\u0000${source}\u0000${id}`;
    const fresh = new Set(created.map((c) => key(c.contractId, c.source, c.id)));
    // A batch may carry the same event twice: keep its first copy only.
    return events.filter((e) => fresh.delete(key(e.contractid, e.source, e.id)));
  }

  /**
   * All stored events of some subjects of one contract, in event-time order. Ties are broken by
   * (source, id), never by arrival, so a fold gives the same state whatever the delivery order.
   */
  subjectEvents(contractId: string, subjectIds: string[], tx: Prisma.TransactionClient = this.prisma): Promise<StoredEventRow[]> {
    return tx.storedEvent.findMany({
      where: { contractId, subjectId: { in: subjectIds } },
      orderBy: [{ time: 'asc' }, { source: 'asc' }, { id: 'asc' }],
      select: { source: true, id: true, type: true, contractId: true, subjectId: true, time: true, data: true },
    });
  }

  /** Every subject of a contract, and its first event time, for a replay from the log. */
  async subjectsOf(contractId: string): Promise<{ subjects: string[]; firstTime: Date | null }> {
    const [rows, first] = await Promise.all([
      this.prisma.storedEvent.findMany({ where: { contractId }, distinct: ['subjectId'], select: { subjectId: true } }),
      this.prisma.storedEvent.aggregate({ where: { contractId }, _min: { time: true } }),
    ]);
    return { subjects: rows.map((r) => r.subjectId), firstTime: first._min.time };
  }

  count(contractId?: string): Promise<number> {
    return this.prisma.storedEvent.count({ where: contractId ? { contractId } : {} });
  }
}
