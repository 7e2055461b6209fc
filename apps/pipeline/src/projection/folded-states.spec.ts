import type { ContractRow, StoredEventRow } from '@rapport/db';
import { FoldedStates, SubjectStreamFold } from './folded-states';
import { eventOrder, foldSubject } from './subject-state';

const T0 = Date.UTC(2026, 9, 1);
const HOUR = 3_600_000;

/** Only what the fold reads: the SLA of the priorities below. */
const contract = (id: string) =>
  ({
    id,
    sla: { P1: { firstResponseMinutes: 15, resolutionMinutes: 240 }, P2: { firstResponseMinutes: 60, resolutionMinutes: 480 } },
    calendar: null,
  }) as unknown as ContractRow;
const contracts = new Map(['A', 'B'].map((id) => [id, contract(id)]));

const event = (contractId: string, subjectId: string, type: string, hours: number, data: Record<string, unknown> = {}): StoredEventRow => ({
  source: 'jira',
  id: `${contractId}-${subjectId}-${type}-${hours}`,
  type,
  contractId,
  subjectId,
  time: new Date(T0 + hours * HOUR),
  data,
});

/** A log as the cursor reads it: contract by contract, a subject's events together but out of time order. */
const log: StoredEventRow[] = [
  event('A', 'ticket:T1', 'ticket.resolved', 5, { ticketId: 'T1' }),
  event('A', 'ticket:T1', 'ticket.opened', 1, { ticketId: 'T1', priority: 'P2' }),
  event('A', 'ticket:T1', 'ticket.responded', 2, { ticketId: 'T1' }),
  event('A', 'feedback:F1', 'feedback.submitted', 3, { feedbackId: 'F1', csat: 4, nps: 9 }),
  event('B', 'deliverable:D1', 'deliverable.submitted', 8, { deliverableId: 'D1' }),
  event('B', 'deliverable:D1', 'deliverable.planned', 0, { deliverableId: 'D1', dueAt: new Date(T0 + 9 * HOUR).toISOString() }),
  event('B', 'ticket:T1', 'ticket.opened', 4, { ticketId: 'T1', priority: 'P1' }),
];

function foldInPages(pageSize: number): { written: FoldedStates[]; perContract: [string, FoldedStates][]; fold: SubjectStreamFold } {
  const perContract: [string, FoldedStates][] = [];
  const fold = new SubjectStreamFold(contracts, (c, states) => perContract.push([c.id, states]));
  const written: FoldedStates[] = [];
  for (let i = 0; i < log.length; i += pageSize) {
    fold.add(log.slice(i, i + pageSize));
    written.push(fold.take());
  }
  fold.end();
  written.push(fold.take());
  return { written, perContract, fold };
}

const whole = (subject: string, contractId: string) =>
  foldSubject(
    contracts.get(contractId)!,
    subject,
    log.filter((e) => e.contractId === contractId && e.subjectId === subject).sort(eventOrder),
  );

describe('SubjectStreamFold', () => {
  it.each([1, 2, 3, 7])('folds each subject from all its events, whatever the page size (%i)', (pageSize) => {
    const { written, perContract, fold } = foldInPages(pageSize);

    const all = {
      tickets: written.flatMap((w) => w.tickets),
      deliverables: written.flatMap((w) => w.deliverables),
      feedback: written.flatMap((w) => w.feedback),
    };
    expect(all).toEqual({
      tickets: [whole('ticket:T1', 'A'), whole('ticket:T1', 'B')].map((s) => s?.kind === 'ticket' && s.ticket),
      deliverables: [whole('deliverable:D1', 'B')].map((s) => s?.kind === 'deliverable' && s.deliverable),
      feedback: [whole('feedback:F1', 'A')].map((s) => s?.kind === 'feedback' && s.feedback),
    });
    expect(all.tickets[0].resolvedAt).toEqual([new Date(T0 + 5 * HOUR)]);
    expect(fold.subjects).toBe(4);
    expect(perContract.map(([id, states]) => [id, states.tickets.length, states.deliverables.length, states.feedback.length])).toEqual([
      ['A', 1, 0, 1],
      ['B', 1, 1, 0],
    ]);
    expect(fold.firstEvents).toEqual(
      new Map([
        ['A', new Date(T0 + HOUR)],
        ['B', new Date(T0)],
      ]),
    );
  });
});
