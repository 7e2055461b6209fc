import type { DeliverableProjection, FeedbackProjection, TicketProjection } from './projection.repository';

/**
 * The rows that ProjectionRepository's `ticketsFor`, `deliverablesFor` and `feedbackFor` select
 * for (since, until], as predicates on rows already in memory. Keep each beside its SQL twin's
 * meaning: test/integration/live-facts.int-spec.ts checks that both pick the same rows.
 */
export const ticketRelevant = (t: TicketProjection, since: number, until: number): boolean =>
  t.priority !== null && t.openedAt !== null && t.openedAt.getTime() <= until && (t.relevantUntil?.getTime() ?? -Infinity) > since;

const within = (d: Date | null, since: number, until: number) => d !== null && d.getTime() > since && d.getTime() <= until;

export const deliverableRelevant = (d: DeliverableProjection, since: number, until: number): boolean =>
  within(d.dueAt, since, until) || within(d.submittedAt, since, until) || within(d.firstReviewAt, since, until);

export const feedbackRelevant = (f: FeedbackProjection, since: number, until: number): boolean => within(f.at, since, until);
