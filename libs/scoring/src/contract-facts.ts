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

/**
 * Outcomes depend on `at` only through which of the ticket's events had happened by then, so they
 * are kept per projection and per such cut: an hourly history evaluates each ticket a handful of
 * times instead of once per hour and window.
 */
interface OutcomeMemo {
  contract: ContractRow;
  responded: number;
  resolved: number[];
  reopened: number[];
  byCut: Map<string, TicketOutcomes | null>;
}
const outcomeMemo = new WeakMap<TicketProjection, OutcomeMemo>();

const countUpTo = (times: number[], at: number) => times.reduce((n, t) => (t <= at ? n + 1 : n), 0);

/** Outcomes of a ticket as they stood at `at`. */
export function outcomesAt(c: ContractRow, t: TicketProjection, at: Date): TicketOutcomes | null {
  let memo = outcomeMemo.get(t);
  if (memo?.contract !== c) {
    const times = (ds: Date[]) => ds.map((d) => d.getTime());
    memo = {
      contract: c,
      responded: t.respondedAt?.getTime() ?? NaN,
      resolved: times(t.resolvedAt),
      reopened: times(t.reopenedAt),
      byCut: new Map(),
    };
    outcomeMemo.set(t, memo);
  }
  const ms = at.getTime();
  const cut = `${memo.responded <= ms ? 1 : 0}/${countUpTo(memo.resolved, ms)}/${countUpTo(memo.reopened, ms)}`;
  if (memo.byCut.has(cut)) return memo.byCut.get(cut)!;
  const history = ticketHistory(t);
  const outcomes = history && ticketOutcomes(historyAsOf(history, at), slaOf(c), calendarOf(c));
  memo.byCut.set(cut, outcomes);
  return outcomes;
}

/** Each ticket's opening and relevance bounds as numbers, once per list: evaluations at many instants filter fast. */
const ticketBounds = new WeakMap<TicketProjection[], Float64Array>();

/** The tickets opened by `at` that can still move a KPI after `since` (epoch ms). */
export function ticketsRelevantAt(tickets: TicketProjection[], since: number, at: number): TicketProjection[] {
  let bounds = ticketBounds.get(tickets);
  if (!bounds) {
    bounds = new Float64Array(tickets.length * 2);
    tickets.forEach((t, i) => {
      bounds![2 * i] = t.openedAt?.getTime() ?? NaN;
      bounds![2 * i + 1] = t.relevantUntil?.getTime() ?? NaN;
    });
    ticketBounds.set(tickets, bounds);
  }
  const relevant: TicketProjection[] = [];
  // NaN (never opened, no relevance bound) compares false: such tickets are left out.
  for (let i = 0; i < tickets.length; i++) if (bounds[2 * i] <= at && bounds[2 * i + 1] > since) relevant.push(tickets[i]);
  return relevant;
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
