import { Injectable } from '@nestjs/common';
import { Prisma } from './generated/prisma/client';
import type { Priority } from './generated/prisma/enums';
import { PrismaService } from './prisma.service';

export interface TicketProjection {
  contractId: string;
  ticketId: string;
  priority: Priority | null;
  title: string | null;
  openedAt: Date | null;
  respondedAt: Date | null;
  resolvedAt: Date[];
  reopenedAt: Date[];
  relevantUntil: Date | null;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

export interface DeliverableReview {
  at: string;
  accepted: boolean;
  reason?: string;
}

export interface DeliverableProjection {
  contractId: string;
  deliverableId: string;
  title: string | null;
  dueAt: Date | null;
  submittedAt: Date | null;
  reviews: DeliverableReview[];
  firstReviewAt: Date | null;
}

export interface FeedbackProjection {
  contractId: string;
  feedbackId: string;
  at: Date;
  csat: number | null;
  nps: number | null;
  subjectId: string | null;
  comment: string | null;
}

export type DeadlinePassed = Pick<
  TicketProjection,
  'contractId' | 'ticketId' | 'priority' | 'title' | 'firstResponseDueAt' | 'resolutionDueAt'
>;

type Tx = Prisma.TransactionClient;

/** Current state of tickets, deliverables and feedback, as folded from their events. */
@Injectable()
export class ProjectionRepository {
  constructor(private readonly prisma: PrismaService) {}

  async saveTicket(t: TicketProjection, tx: Tx = this.prisma): Promise<void> {
    const { contractId, ticketId, ...data } = t;
    await tx.ticket.upsert({ where: { contractId_ticketId: { contractId, ticketId } }, create: t, update: data });
  }

  async saveDeliverable(d: DeliverableProjection, tx: Tx = this.prisma): Promise<void> {
    const { contractId, deliverableId, ...rest } = d;
    const data = { ...rest, reviews: rest.reviews as unknown as Prisma.InputJsonValue };
    await tx.deliverable.upsert({
      where: { contractId_deliverableId: { contractId, deliverableId } },
      create: { contractId, deliverableId, ...data },
      update: data,
    });
  }

  async saveFeedback(f: FeedbackProjection, tx: Tx = this.prisma): Promise<void> {
    const { contractId, feedbackId, ...data } = f;
    await tx.feedback.upsert({ where: { contractId_feedbackId: { contractId, feedbackId } }, create: f, update: data });
  }

  /** Forgets a contract's projections, before a replay refolds them from the event log. */
  async clear(contractId: string, tx: Tx = this.prisma): Promise<void> {
    await tx.ticket.deleteMany({ where: { contractId } });
    await tx.deliverable.deleteMany({ where: { contractId } });
    await tx.feedback.deleteMany({ where: { contractId } });
  }

  /** Opened tickets that can affect a KPI in (since, until]. */
  ticketsFor(contractId: string, since: Date, until: Date): Promise<TicketProjection[]> {
    return this.prisma.ticket.findMany({
      where: { contractId, openedAt: { not: null, lte: until }, priority: { not: null }, relevantUntil: { gt: since } },
      omit: { updatedAt: true },
    });
  }

  /** Deliverables with a due date, submission or first review in (since, until]. */
  async deliverablesFor(contractId: string, since: Date, until: Date): Promise<DeliverableProjection[]> {
    const within = { gt: since, lte: until };
    const rows = await this.prisma.deliverable.findMany({
      where: { contractId, OR: [{ dueAt: within }, { submittedAt: within }, { firstReviewAt: within }] },
      omit: { updatedAt: true },
    });
    return rows.map((r) => ({ ...r, reviews: r.reviews as unknown as DeliverableReview[] }));
  }

  feedbackFor(contractId: string, since: Date, until: Date): Promise<FeedbackProjection[]> {
    return this.prisma.feedback.findMany({ where: { contractId, at: { gt: since, lte: until } } });
  }

  /** Tickets with an SLA deadline in (after, until]: they breach, and their scores move, with no event. */
  ticketsPassingDeadlines(after: Date, until: Date): Promise<DeadlinePassed[]> {
    const within = { gt: after, lte: until };
    return this.prisma.ticket.findMany({
      where: { OR: [{ firstResponseDueAt: within }, { resolutionDueAt: within }] },
      select: { contractId: true, ticketId: true, priority: true, title: true, firstResponseDueAt: true, resolutionDueAt: true },
    });
  }
}
