import { DeliverableProjection, FeedbackProjection, ProjectionRepository, TicketProjection } from '@rapport/db';
import { HOUR } from '../../support/fixtures';
import { TestDatabase } from '../support/databases';

const at = (hours: number) => new Date(Date.parse('2026-03-02T00:00:00Z') + hours * HOUR);
const since = at(0);
const until = at(24);

function ticket(contractId: string, ticketId: string, changes: Partial<TicketProjection> = {}): TicketProjection {
  return {
    contractId,
    ticketId,
    priority: 'P2',
    title: null,
    openedAt: at(2),
    respondedAt: null,
    resolvedAt: [],
    reopenedAt: [],
    relevantUntil: at(30),
    firstResponseDueAt: null,
    resolutionDueAt: null,
    ...changes,
  };
}

function deliverable(contractId: string, deliverableId: string, changes: Partial<DeliverableProjection> = {}): DeliverableProjection {
  return { contractId, deliverableId, title: null, dueAt: null, submittedAt: null, reviews: [], firstReviewAt: null, ...changes };
}

function feedback(contractId: string, feedbackId: string, when: Date): FeedbackProjection {
  return { contractId, feedbackId, at: when, csat: 4, nps: 9, subjectId: null, comment: null };
}

describe('ProjectionRepository', () => {
  let db: TestDatabase;
  let projections: ProjectionRepository;

  beforeAll(async () => {
    db = await TestDatabase.open();
    projections = db.get(ProjectionRepository);
  });
  afterAll(() => db.close());

  it('keeps one row per ticket, deliverable and feedback, replaced by each save, whatever kinds one save holds', async () => {
    const { id } = await db.newContract();
    await projections.save({
      tickets: [ticket(id, 'T1')],
      deliverables: [deliverable(id, 'D1', { dueAt: at(10) })],
      feedback: [feedback(id, 'F1', at(1))],
    });
    await projections.save({
      tickets: [ticket(id, 'T1', { respondedAt: at(3), resolvedAt: [at(5), at(9)], reopenedAt: [at(7)], title: 'VPN' })],
    });
    const reviews = [{ at: at(6).toISOString(), accepted: false, reason: 'tests missing' }];
    await projections.save({
      deliverables: [deliverable(id, 'D1', { dueAt: at(10), submittedAt: at(4), reviews, firstReviewAt: at(6) })],
      feedback: [{ ...feedback(id, 'F1', at(1)), csat: 2, comment: 'slow' }],
    });

    expect(
      await db.sql.rows(`SELECT title, "respondedAt", "resolvedAt", "reopenedAt" FROM "Ticket" WHERE "contractId" = $1`, [id]),
    ).toEqual([{ title: 'VPN', respondedAt: at(3), resolvedAt: [at(5), at(9)], reopenedAt: [at(7)] }]);
    expect(await db.sql.rows(`SELECT "submittedAt", reviews, "firstReviewAt" FROM "Deliverable" WHERE "contractId" = $1`, [id])).toEqual([
      { submittedAt: at(4), reviews, firstReviewAt: at(6) },
    ]);
    expect(await db.sql.rows(`SELECT csat, nps, comment FROM "Feedback" WHERE "contractId" = $1`, [id])).toEqual([
      { csat: 2, nps: 9, comment: 'slow' },
    ]);
  });

  it('reads the tickets that can move a KPI in (since, until]: opened by then and still relevant after since', async () => {
    const { id } = await db.newContract();
    const other = await db.newContract();
    await projections.save({ tickets: [ticket(id, 'in')] });
    await projections.save({ tickets: [ticket(id, 'opened-at-until', { openedAt: until })] });
    await projections.save({ tickets: [ticket(id, 'opened-after', { openedAt: at(25) })] });
    await projections.save({ tickets: [ticket(id, 'relevant-until-since', { relevantUntil: since })] });
    await projections.save({ tickets: [ticket(id, 'not-opened-yet', { openedAt: null, priority: null, relevantUntil: null })] });
    await projections.save({ tickets: [ticket(other.id, 'other-contract')] });

    const read = (await projections.ticketsFor([id], since, until)).get(id) ?? [];
    expect(read.map((t) => t.ticketId).sort()).toEqual(['in', 'opened-at-until']);
    expect(read.find((t) => t.ticketId === 'in')).toMatchObject({ priority: 'P2', openedAt: at(2), relevantUntil: at(30) });
  });

  it('reads the deliverables due, submitted or first reviewed in (since, until]', async () => {
    const { id } = await db.newContract();
    await projections.save({ deliverables: [deliverable(id, 'due-in', { dueAt: at(12) })] });
    await projections.save({ deliverables: [deliverable(id, 'submitted-in', { dueAt: at(40), submittedAt: until })] });
    await projections.save({
      deliverables: [deliverable(id, 'reviewed-in', { dueAt: at(-10), submittedAt: at(-9), firstReviewAt: at(1) })],
    });
    await projections.save({ deliverables: [deliverable(id, 'due-at-since', { dueAt: since })] });
    await projections.save({ deliverables: [deliverable(id, 'later', { dueAt: at(30), submittedAt: at(29) })] });

    const read = (await projections.deliverablesFor([id], since, until)).get(id) ?? [];
    expect(read.map((d) => d.deliverableId).sort()).toEqual(['due-in', 'reviewed-in', 'submitted-in']);
  });

  it('reads the feedback given in (since, until]', async () => {
    const { id } = await db.newContract();
    for (const [feedbackId, hours] of [
      ['before', -1],
      ['at-since', 0],
      ['in', 5],
      ['at-until', 24],
      ['after', 25],
    ] as const) {
      await projections.save({ feedback: [feedback(id, feedbackId, at(hours))] });
    }
    expect(((await projections.feedbackFor([id], since, until)).get(id) ?? []).map((f) => f.feedbackId).sort()).toEqual(['at-until', 'in']);
  });

  it('finds the tickets, of any contract, with a deadline in (after, until]', async () => {
    const [a, b] = [await db.newContract(), await db.newContract()];
    await projections.save({ tickets: [ticket(a.id, 'response-due', { firstResponseDueAt: at(3) })] });
    await projections.save({ tickets: [ticket(b.id, 'resolution-due', { resolutionDueAt: until })] });
    await projections.save({ tickets: [ticket(a.id, 'due-at-after', { firstResponseDueAt: since })] });
    await projections.save({ tickets: [ticket(a.id, 'due-later', { resolutionDueAt: at(25) })] });

    const passed = (await projections.ticketsPassingDeadlines(since, until)).filter((t) => [a.id, b.id].includes(t.contractId));
    expect(passed.map((t) => [t.contractId, t.ticketId]).sort()).toEqual(
      [
        [a.id, 'response-due'],
        [b.id, 'resolution-due'],
      ].sort(),
    );
  });

  it("clears one contract's projections and no other's", async () => {
    const [a, b] = [await db.newContract(), await db.newContract()];
    for (const { id } of [a, b]) {
      await projections.save({ tickets: [ticket(id, 'T1')] });
      await projections.save({ deliverables: [deliverable(id, 'D1', { dueAt: at(3) })] });
      await projections.save({ feedback: [feedback(id, 'F1', at(3))] });
    }
    await projections.clear([a.id]);

    const left = await db.sql.rows<{ contractId: string }>(
      `SELECT "contractId" FROM "Ticket" WHERE "contractId" = ANY($1::uuid[])
       UNION ALL SELECT "contractId" FROM "Deliverable" WHERE "contractId" = ANY($1::uuid[])
       UNION ALL SELECT "contractId" FROM "Feedback" WHERE "contractId" = ANY($1::uuid[])`,
      [[a.id, b.id]],
    );
    expect(left.map((r) => r.contractId)).toEqual([b.id, b.id, b.id]);
  });
});
