import { Injectable } from '@nestjs/common';
import { groupBy } from '@rapport/contracts';
import type { Priority } from './generated/prisma/enums';
import { PrismaService } from './prisma.service';
import { ColumnArrays } from './sql/column-arrays';
import { prepared, SqlDatabase, SqlRunner } from './sql/sql-database';

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

/** Each kind's columns, as they cross in the parameters (see ColumnArrays); the key first. */
const TICKET_ROWS = new ColumnArrays<TicketProjection>([
  ['contractId', 'uuid'],
  ['ticketId', 'text'],
  ['priority', '"Priority"'],
  ['title', 'text'],
  ['openedAt', 'time'],
  ['respondedAt', 'time'],
  ['resolvedAt', 'times'],
  ['reopenedAt', 'times'],
  ['relevantUntil', 'time'],
  ['firstResponseDueAt', 'time'],
  ['resolutionDueAt', 'time'],
]);
const DELIVERABLE_ROWS = new ColumnArrays<DeliverableProjection>([
  ['contractId', 'uuid'],
  ['deliverableId', 'text'],
  ['title', 'text'],
  ['dueAt', 'time'],
  ['submittedAt', 'time'],
  ['reviews', 'jsonb'],
  ['firstReviewAt', 'time'],
]);
const FEEDBACK_ROWS = new ColumnArrays<FeedbackProjection>([
  ['contractId', 'uuid'],
  ['feedbackId', 'text'],
  ['at', 'time'],
  ['csat', 'int'],
  ['nps', 'int'],
  ['subjectId', 'text'],
  ['comment', 'text'],
]);
const TICKET_COLUMNS = TICKET_ROWS.names;
const DELIVERABLE_COLUMNS = DELIVERABLE_ROWS.names;
const FEEDBACK_COLUMNS = FEEDBACK_ROWS.names;

/** Projection rows of every kind, as a batch or a replay writes them. */
export interface ProjectionRows {
  tickets: TicketProjection[];
  deliverables: DeliverableProjection[];
  feedback: FeedbackProjection[];
}

/**
 * Each kind's upsert from its column arrays (the parameters from `first` on), overwriting all but
 * the two key columns on conflict; `updatedAt` is set where the table has it.
 */
function upsert<Row>(
  table: string,
  rows: ColumnArrays<Row>,
  updatedAt: boolean,
): { rows: ColumnArrays<Row>; sql: (first: number) => string } {
  const [key, subKey, ...rest] = rows.quotedNames;
  const updates = rest.map((c) => `${c} = excluded.${c}`);
  if (updatedAt) updates.push('"updatedAt" = excluded."updatedAt"');
  const sql = (first: number) => `INSERT INTO "${table}" (${rows.names}${updatedAt ? ', "updatedAt"' : ''})
    SELECT ${rows.select('r')}${updatedAt ? ", now() AT TIME ZONE 'UTC'" : ''} FROM ${rows.unnest(first, 'r')}
    ON CONFLICT (${key}, ${subKey}) DO UPDATE SET ${updates.join(', ')}`;
  return { rows, sql };
}

const UPSERTS = {
  tickets: upsert('Ticket', TICKET_ROWS, true),
  deliverables: upsert('Deliverable', DELIVERABLE_ROWS, true),
  feedback: upsert('Feedback', FEEDBACK_ROWS, false),
} satisfies Record<keyof ProjectionRows, unknown>;

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
    const upserts: string[] = [];
    const params: unknown[] = [];
    for (const kind of kinds) {
      const { rows: columns, sql } = UPSERTS[kind] as { rows: ColumnArrays<unknown>; sql: (first: number) => string };
      upserts.push(`${kind} AS (${sql(params.length + 1)})`);
      params.push(...columns.params(rows[kind]!));
    }
    await runner.rows(prepared(`WITH ${upserts.join(', ')} SELECT 1`), params);
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
