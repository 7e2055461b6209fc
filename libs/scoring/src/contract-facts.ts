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
 * times instead of once per hour and window, and live scoring (every event known) once per version.
 */
interface OutcomeMemo {
  /** The contract terms the outcomes were decided under (`termsOf`). */
  terms: string;
  /** The ticket's last event time: from it on, every event is known. */
  last: number;
  /** Outcomes with every event known; undefined until asked for. */
  settled?: TicketOutcomes | null;
  /** Outcomes at earlier cuts (an hourly history's), made on first use: live scoring never needs them. */
  byCut?: Map<string, TicketOutcomes | null>;
}
const outcomeMemo = new WeakMap<TicketProjection, OutcomeMemo>();

const countUpTo = (times: Date[], at: number) => times.reduce((n, t) => (t.getTime() <= at ? n + 1 : n), 0);

/**
 * What outcomes depend on of a contract, as a string: a contract is read again for every batch, and
 * its outcomes must survive that unless its SLA or calendar changed.
 */
const contractTerms = new WeakMap<ContractRow, string>();
export function termsOf(c: ContractRow): string {
  let terms = contractTerms.get(c);
  if (terms === undefined) contractTerms.set(c, (terms = JSON.stringify([c.sla, c.calendar])));
  return terms;
}

/** The later of two instants; an unknown one (NaN) never is. */
const later = (max: number, ms: number): number => (ms > max ? ms : max);
const latestOf = (dates: Date[], since: number): number => dates.reduce((max, d) => later(max, d.getTime()), since);

/** A live worker holds one memo per ticket of 90 days: it keeps only what it needs. */
function memoOf(c: ContractRow, t: TicketProjection): OutcomeMemo {
  const memo = outcomeMemo.get(t);
  const terms = termsOf(c);
  if (memo?.terms === terms) return memo;
  const last = latestOf(
    t.resolvedAt,
    latestOf(t.reopenedAt, later(later(-Infinity, t.openedAt?.getTime() ?? NaN), t.respondedAt?.getTime() ?? NaN)),
  );
  const created: OutcomeMemo = { terms, last };
  outcomeMemo.set(t, created);
  return created;
}

const outcomesOf = (c: ContractRow, history: TicketHistory | null, at: Date): TicketOutcomes | null =>
  history && ticketOutcomes(historyAsOf(history, at), slaOf(c), calendarOf(c));

/** Outcomes of a ticket as they stood at `at`. */
export function outcomesAt(c: ContractRow, t: TicketProjection, at: Date): TicketOutcomes | null {
  const memo = memoOf(c, t);
  const ms = at.getTime();
  if (ms >= memo.last) {
    if (memo.settled === undefined) memo.settled = outcomesOf(c, ticketHistory(t), at);
    return memo.settled;
  }
  const responded = (t.respondedAt?.getTime() ?? NaN) <= ms;
  const cut = `${responded ? 1 : 0}/${countUpTo(t.resolvedAt, ms)}/${countUpTo(t.reopenedAt, ms)}`;
  memo.byCut ??= new Map();
  if (!memo.byCut.has(cut)) memo.byCut.set(cut, outcomesOf(c, ticketHistory(t), at));
  return memo.byCut.get(cut)!;
}

/** The instant of a ticket's last event (epoch ms): from it on, its outcomes no longer change. */
export const lastEventAt = (c: ContractRow, t: TicketProjection): number => memoOf(c, t).last;

/** The outcomes of the tickets that have some (those whose opening is known), as they stood at `at`. */
export function outcomesOfMany(c: ContractRow, tickets: TicketProjection[], at: Date): TicketOutcomes[] {
  const outcomes: TicketOutcomes[] = [];
  for (const t of tickets) {
    const o = outcomesAt(c, t, at);
    if (o) outcomes.push(o);
  }
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
