import { Injectable } from '@nestjs/common';
import { groupBy } from '@rapport/contracts';
import type { Priority } from './generated/prisma/enums';
import { PrismaService } from './prisma.service';
import { SqlDatabase, SqlRunner } from './sql/sql-database';

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

/** Facts of many contracts at once, keyed by contract id. */
export type ByContract<T> = Map<string, T[]>;

const TICKET_COLUMNS = `"contractId", "ticketId", priority, title, "openedAt", "respondedAt", "resolvedAt", "reopenedAt",
  "relevantUntil", "firstResponseDueAt", "resolutionDueAt"`;
const DELIVERABLE_COLUMNS = `"contractId", "deliverableId", title, "dueAt", "submittedAt", reviews, "firstReviewAt"`;
const FEEDBACK_COLUMNS = `"contractId", "feedbackId", at, csat, nps, "subjectId", comment`;

/** Columns of `excluded` to copy on conflict: all but the key. */
const updateAll = (columns: string, key: number) =>
  columns
    .split(',')
    .slice(key)
    .map((c) => `${c.trim()} = excluded.${c.trim()}`)
    .join(', ');

/** Projection rows of every kind, as a batch or a replay writes them. */
export interface ProjectionRows {
  tickets: TicketProjection[];
  deliverables: DeliverableProjection[];
  feedback: FeedbackProjection[];
}

/** Each kind's upsert from a jsonb array (the parameter `param`), overwriting all but the key on conflict. */
const UPSERTS: Record<keyof ProjectionRows, (param: string) => string> = {
  tickets: (param) => `INSERT INTO "Ticket" (${TICKET_COLUMNS}, "updatedAt")
    SELECT ${TICKET_COLUMNS}, now() AT TIME ZONE 'UTC'
    FROM jsonb_to_recordset(${param}::jsonb) AS t("contractId" uuid, "ticketId" text, priority "Priority", title text,
      "openedAt" timestamp(3), "respondedAt" timestamp(3), "resolvedAt" timestamp(3)[], "reopenedAt" timestamp(3)[],
      "relevantUntil" timestamp(3), "firstResponseDueAt" timestamp(3), "resolutionDueAt" timestamp(3))
    ON CONFLICT ("contractId", "ticketId") DO UPDATE SET ${updateAll(TICKET_COLUMNS, 2)}, "updatedAt" = excluded."updatedAt"`,
  deliverables: (param) => `INSERT INTO "Deliverable" (${DELIVERABLE_COLUMNS}, "updatedAt")
    SELECT ${DELIVERABLE_COLUMNS}, now() AT TIME ZONE 'UTC'
    FROM jsonb_to_recordset(${param}::jsonb) AS d("contractId" uuid, "deliverableId" text, title text, "dueAt" timestamp(3),
      "submittedAt" timestamp(3), reviews jsonb, "firstReviewAt" timestamp(3))
    ON CONFLICT ("contractId", "deliverableId") DO UPDATE SET ${updateAll(DELIVERABLE_COLUMNS, 2)}, "updatedAt" = excluded."updatedAt"`,
  feedback: (param) => `INSERT INTO "Feedback" (${FEEDBACK_COLUMNS})
    SELECT ${FEEDBACK_COLUMNS}
    FROM jsonb_to_recordset(${param}::jsonb) AS f("contractId" uuid, "feedbackId" text, at timestamp(3), csat int, nps int,
      "subjectId" text, comment text)
    ON CONFLICT ("contractId", "feedbackId") DO UPDATE SET ${updateAll(FEEDBACK_COLUMNS, 2)}`,
};

const PROJECTION_KINDS = Object.keys(UPSERTS) as (keyof ProjectionRows)[];

/**
 * Current state of tickets, deliverables and feedback, as folded from their events. Writes and
 * the scoring reads are typed SQL, one statement for all subjects and contracts of a batch.
 */
@Injectable()
export class ProjectionRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: SqlDatabase,
  ) {}

  /**
   * Upserts the rows of every kind in one statement (one data-modifying CTE per kind that has
   * any): a batch's projections cost one round trip however many kinds it touched.
   */
  async save(rows: Partial<ProjectionRows>, runner: SqlRunner = this.sql): Promise<void> {
    const kinds = PROJECTION_KINDS.filter((kind) => rows[kind]?.length);
    if (!kinds.length) return;
    await runner.rows(
      `WITH ${kinds.map((kind, i) => `${kind} AS (${UPSERTS[kind](`$${i + 1}`)})`).join(', ')} SELECT 1`,
      kinds.map((kind) => JSON.stringify(rows[kind])),
    );
  }

  /** Forgets some contracts' projections, before a replay refolds them from the event log. */
  async clear(contractIds: string[], runner: SqlRunner = this.sql): Promise<void> {
    for (const table of ['"Ticket"', '"Deliverable"', '"Feedback"']) {
      await runner.rows(`DELETE FROM ${table} WHERE "contractId" = ANY($1::uuid[])`, [contractIds]);
    }
  }

  /** Opened tickets that can affect a KPI in (since, until]. */
  async ticketsFor(contractIds: string[], since: Date, until: Date, runner: SqlRunner = this.sql): Promise<ByContract<TicketProjection>> {
    const rows = await runner.rows<TicketProjection>(
      `SELECT ${TICKET_COLUMNS} FROM "Ticket"
       WHERE "contractId" = ANY($1::uuid[]) AND "openedAt" <= $3 AND priority IS NOT NULL AND "relevantUntil" > $2`,
      [contractIds, since.toISOString(), until.toISOString()],
    );
    return groupBy(rows, (r) => r.contractId);
  }

  /** Deliverables with a due date, submission or first review in (since, until]. */
  async deliverablesFor(
    contractIds: string[],
    since: Date,
    until: Date,
    runner: SqlRunner = this.sql,
  ): Promise<ByContract<DeliverableProjection>> {
    const rows = await runner.rows<DeliverableProjection>(
      `SELECT ${DELIVERABLE_COLUMNS} FROM "Deliverable"
       WHERE "contractId" = ANY($1::uuid[])
         AND ("dueAt" > $2 AND "dueAt" <= $3 OR "submittedAt" > $2 AND "submittedAt" <= $3
              OR "firstReviewAt" > $2 AND "firstReviewAt" <= $3)`,
      [contractIds, since.toISOString(), until.toISOString()],
    );
    return groupBy(rows, (r) => r.contractId);
  }

  async feedbackFor(
    contractIds: string[],
    since: Date,
    until: Date,
    runner: SqlRunner = this.sql,
  ): Promise<ByContract<FeedbackProjection>> {
    const rows = await runner.rows<FeedbackProjection>(
      `SELECT ${FEEDBACK_COLUMNS} FROM "Feedback" WHERE "contractId" = ANY($1::uuid[]) AND at > $2 AND at <= $3`,
      [contractIds, since.toISOString(), until.toISOString()],
    );
    return groupBy(rows, (r) => r.contractId);
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
