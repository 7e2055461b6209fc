import type { DeliverableProjection, DeliverableReview, FeedbackProjection, StoredEventRow } from '@rapport/db';
import type { TicketProjection } from '@rapport/db';

/**
 * Pure folds of one subject's stored events (in event-time order) into its current state.
 * Refolding the whole subject on each new event makes the result independent of the order
 * in which events arrived; a subject has few events, so this stays cheap.
 */

const str = (data: unknown, key: string): string | undefined => {
  const value = (data as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
};
const num = (data: unknown, key: string): number | null => {
  const value = (data as Record<string, unknown>)[key];
  return typeof value === 'number' ? value : null;
};

/** A ticket's facts; what is derived from them (relevance, pending deadlines) is left null for the caller. */
export function foldTicket(contractId: string, ticketId: string, events: StoredEventRow[]): TicketProjection {
  const t: TicketProjection = {
    contractId,
    ticketId,
    priority: null,
    title: null,
    openedAt: null,
    respondedAt: null,
    resolvedAt: [],
    reopenedAt: [],
    relevantUntil: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
  };
  for (const e of events) {
    if (e.type === 'ticket.opened' && !t.openedAt) {
      t.openedAt = e.time;
      t.priority = (str(e.data, 'priority') as TicketProjection['priority']) ?? null;
      t.title = str(e.data, 'title') ?? null;
    } else if (e.type === 'ticket.responded' && !t.respondedAt) {
      t.respondedAt = e.time;
    } else if (e.type === 'ticket.resolved') {
      t.resolvedAt.push(e.time);
    } else if (e.type === 'ticket.reopened') {
      t.reopenedAt.push(e.time);
    }
  }
  return t;
}

export function foldDeliverable(contractId: string, deliverableId: string, events: StoredEventRow[]): DeliverableProjection {
  const d: DeliverableProjection = {
    contractId,
    deliverableId,
    title: null,
    dueAt: null,
    submittedAt: null,
    reviews: [],
    firstReviewAt: null,
  };
  for (const e of events) {
    if (e.type === 'deliverable.planned') {
      // A later plan moves the due date: the latest plan by event time wins.
      const due = str(e.data, 'dueAt');
      d.dueAt = due ? new Date(due) : d.dueAt;
      d.title = str(e.data, 'title') ?? d.title;
    } else if (e.type === 'deliverable.submitted' && !d.submittedAt) {
      d.submittedAt = e.time;
    } else if (e.type === 'deliverable.accepted' || e.type === 'deliverable.rejected') {
      const review: DeliverableReview = { at: e.time.toISOString(), accepted: e.type === 'deliverable.accepted' };
      const reason = str(e.data, 'reason');
      d.reviews.push(reason ? { ...review, reason } : review);
      d.firstReviewAt ??= e.time;
    }
  }
  return d;
}

/** Feedback is one event; a resent rating with another event id replaces it. */
export function foldFeedback(contractId: string, feedbackId: string, events: StoredEventRow[]): FeedbackProjection | null {
  const last = events.filter((e) => e.type === 'feedback.submitted').at(-1);
  if (!last) return null;
  return {
    contractId,
    feedbackId,
    at: last.time,
    csat: num(last.data, 'csat'),
    nps: num(last.data, 'nps'),
    subjectId: str(last.data, 'subjectId') ?? null,
    comment: str(last.data, 'comment') ?? null,
  };
}
