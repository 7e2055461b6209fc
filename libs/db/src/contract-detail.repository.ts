import { Injectable } from '@nestjs/common';
import type { Dimension, WindowName } from '@rapport/contracts';
import { PrismaService } from './prisma.service';
import { Scope } from './scope';

/** An hourly point with its dimension scores, for the contract page's dimension history. */
export interface DimensionPoint {
  at: string;
  score: number | null;
  dimensions: Partial<Record<Dimension, number | null>>;
}

/** What the stored projections say about an event behind a score (for the evidence table). */
export interface EvidenceFacts {
  tickets: {
    ticketId: string;
    title: string | null;
    priority: string | null;
    openedAt: Date | null;
    respondedAt: Date | null;
    resolvedAt: Date | null;
  }[];
  deliverables: { deliverableId: string; title: string | null; dueAt: Date | null; submittedAt: Date | null }[];
  feedback: { feedbackId: string; csat: number | null; nps: number | null; comment: string | null }[];
}

/** Read-only details for the contract page; callers pass a contract id already checked against the scope. */
@Injectable()
export class ContractDetailRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Hourly points since `since` with only the dimension scores read out of each stored scorecard. */
  async dimensionHistory(scope: Scope, contractId: string, window: WindowName, since: Date, limit: number): Promise<DimensionPoint[]> {
    const vendorId = scope.kind === 'vendor' ? scope.vendorId : null;
    const rows = await this.prisma.$queryRaw<{ at: Date; score: number | null; dims: Record<string, { score: number | null }> | null }[]>`
      SELECT s."at", s."score", s."body"->'dimensions' AS dims
      FROM "ScoreSnapshot" s JOIN "Contract" c ON c."id" = s."contractId"
      WHERE s."contractId" = ${contractId}::uuid AND s."window" = ${window} AND s."kind" = 'hourly' AND s."at" >= ${since}
        AND (${vendorId}::uuid IS NULL OR c."vendorId" = ${vendorId}::uuid)
      ORDER BY s."at" DESC LIMIT ${limit}`;
    return rows.reverse().map((r) => ({
      at: r.at.toISOString(),
      score: r.score,
      dimensions: Object.fromEntries(Object.entries(r.dims ?? {}).map(([d, v]) => [d, v?.score ?? null])) as DimensionPoint['dimensions'],
    }));
  }

  async evidenceFacts(contractId: string, ids: { tickets: string[]; deliverables: string[]; feedback: string[] }): Promise<EvidenceFacts> {
    const [tickets, deliverables, feedback] = await Promise.all([
      this.prisma.ticket.findMany({
        where: { contractId, ticketId: { in: ids.tickets } },
        select: { ticketId: true, title: true, priority: true, openedAt: true, respondedAt: true, resolvedAt: true },
      }),
      this.prisma.deliverable.findMany({
        where: { contractId, deliverableId: { in: ids.deliverables } },
        select: { deliverableId: true, title: true, dueAt: true, submittedAt: true },
      }),
      this.prisma.feedback.findMany({
        where: { contractId, feedbackId: { in: ids.feedback } },
        select: { feedbackId: true, csat: true, nps: true, comment: true },
      }),
    ]);
    return {
      tickets: tickets.map((t) => ({ ...t, priority: t.priority ?? null, resolvedAt: t.resolvedAt.at(-1) ?? null })),
      deliverables,
      feedback,
    };
  }
}
