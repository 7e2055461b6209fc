import type { ContractRow, DeliverableProjection, FeedbackProjection, TicketProjection } from '@rapport/db';
import {
  BusinessCalendar,
  ContractPolicy,
  DeliverableHistory,
  FeedbackFact,
  historyAsOf,
  SlaTargets,
  TicketHistory,
  ticketOutcomes,
  TicketOutcomes,
} from '@rapport/kpi';

/** Maps stored projections and contract settings onto the pure KPI library's inputs. */
export const policyOf = (c: ContractRow): ContractPolicy => ({ targets: c.targets, weights: c.weights });

export const slaOf = (c: ContractRow): SlaTargets => c.sla as SlaTargets;

export const calendarOf = (c: ContractRow): BusinessCalendar | null => c.calendar;

/** A ticket's history, or null while its `ticket.opened` event has not arrived. */
export function ticketHistory(t: TicketProjection): TicketHistory | null {
  if (!t.openedAt || !t.priority) return null;
  return {
    ticketId: t.ticketId,
    priority: t.priority,
    openedAt: t.openedAt,
    respondedAt: t.respondedAt,
    resolvedAt: t.resolvedAt,
    reopenedAt: t.reopenedAt,
  };
}

/** Outcomes of a ticket as they stood at `at`. */
export function outcomesAt(c: ContractRow, t: TicketProjection, at: Date): TicketOutcomes | null {
  const history = ticketHistory(t);
  return history && ticketOutcomes(historyAsOf(history, at), slaOf(c), calendarOf(c));
}

export const deliverableHistory = (d: DeliverableProjection): DeliverableHistory => ({
  deliverableId: d.deliverableId,
  dueAt: d.dueAt,
  submittedAt: d.submittedAt,
  reviews: d.reviews.map((r) => ({ at: new Date(r.at), accepted: r.accepted })),
});

export const feedbackFact = (f: FeedbackProjection): FeedbackFact => ({
  feedbackId: f.feedbackId,
  at: f.at,
  csat: f.csat,
  nps: f.nps,
});
