import { ContractRow, DeliverableProjection, FeedbackProjection, parseSubject, StoredEventRow, TicketProjection } from '@rapport/db';
import { outcomesAt } from '@rapport/scoring';
import { foldDeliverable, foldFeedback, foldTicket } from './subject-fold';
import { ticketDeadlines } from './ticket-deadlines';

export type SubjectState =
  | { kind: 'ticket'; ticket: TicketProjection }
  | { kind: 'deliverable'; deliverable: DeliverableProjection }
  | { kind: 'feedback'; feedback: FeedbackProjection };

const FAR_FUTURE = new Date(8.64e15);

/** The state of one subject (`ticket:<id>`, `deliverable:<id>`, `feedback:<id>`) from all its events. */
export function foldSubject(contract: ContractRow, subject: string, events: StoredEventRow[]): SubjectState | null {
  const { kind, id } = parseSubject(subject);
  if (kind === 'ticket') {
    const ticket = foldTicket(contract.id, id, events);
    // Through the outcome memo of this very object: a replay scores it as of now next, which is
    // usually the same cut of its events (all of them), so its outcomes are computed once.
    return { kind, ticket: Object.assign(ticket, ticketDeadlines(outcomesAt(contract, ticket, FAR_FUTURE))) };
  }
  if (kind === 'deliverable') return { kind, deliverable: foldDeliverable(contract.id, id, events) };
  const feedback = foldFeedback(contract.id, id, events);
  return feedback && { kind: 'feedback', feedback };
}

/** The order in which a subject's events are folded: event time, then (source, id); never arrival. */
export function eventOrder(a: StoredEventRow, b: StoredEventRow): number {
  return a.time.getTime() - b.time.getTime() || compare(a.source, b.source) || compare(a.id, b.id);
}

const compare = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
