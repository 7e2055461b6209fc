import { preciseSlaClock, type PreciseSlaClock } from './sla-clock';
import type { BusinessCalendar, Outcome, SlaTargets, TicketHistory, TicketOutcomes } from './kpi-types';

const MINUTE_MS = 60_000;

/**
 * Decides a ticket's first-response and resolution outcomes (docs/product.md "KPIs").
 *
 * Outcomes are fixed instants, so "live breach" needs no event: an unanswered or open ticket is
 * breached at its deadline, and a scorecard evaluated before that instant simply does not see
 * it yet. For an exact evaluation "as of" an earlier instant, pass `historyAsOf(h, at)`:
 * a later reopen changes the resolution outcome.
 */
export function ticketOutcomes(h: TicketHistory, sla: SlaTargets, calendar?: BusinessCalendar | null): TicketOutcomes {
  const target = sla[h.priority];
  if (!target) throw new RangeError(`no SLA target for priority ${String(h.priority)}`);
  const opened = h.openedAt.getTime();
  if (Number.isNaN(opened)) throw new RangeError(`ticket ${h.ticketId} has an invalid openedAt`);
  const clock = preciseSlaClock(calendar);
  const resolution = resolutionOutcome(opened, h.resolvedAt, h.reopenedAt, target.resolutionMinutes * MINUTE_MS, clock);
  return {
    ticketId: h.ticketId,
    priority: h.priority,
    firstResponse: firstResponseOutcome(opened, h.respondedAt ?? null, target.firstResponseMinutes * MINUTE_MS, clock),
    respondedAt: h.respondedAt ?? null,
    resolution: resolution.outcome,
    resolvedAt: resolution.resolvedAt,
    reopenedAt: resolution.reopenedAt,
  };
}

/** Drops what happened after `at`, so outcomes are those known at that instant (replay, history). */
export function historyAsOf(h: TicketHistory, at: Date): TicketHistory {
  const limit = at.getTime();
  const known = (d: Date): boolean => d.getTime() <= limit;
  return {
    ...h,
    respondedAt: h.respondedAt && known(h.respondedAt) ? h.respondedAt : null,
    resolvedAt: h.resolvedAt.filter(known),
    reopenedAt: h.reopenedAt.filter(known),
  };
}

function firstResponseOutcome(opened: number, respondedAt: Date | null, budget: number, clock: PreciseSlaClock): Outcome {
  const deadline = clock.addMs(opened, budget);
  const responded = respondedAt && !Number.isNaN(respondedAt.getTime()) ? respondedAt.getTime() : null;
  // A response logged before the opening (clock skew between tools) counts as instant.
  const minutes = responded === null ? null : Math.max(0, clock.msBetween(opened, responded)) / MINUTE_MS;
  if (responded !== null && responded <= deadline) return { outcome: 'met', at: new Date(responded), minutes };
  return { outcome: 'breached', at: new Date(deadline), minutes };
}

interface ResolutionResult {
  outcome: Outcome;
  resolvedAt: Date[];
  reopenedAt: Date[];
}

const RESOLVE = 0;
const REOPEN = 1;

/**
 * Walks resolutions and reopens in time order over active periods [opened, resolved1],
 * [reopen1, resolved2], ... The budget is spent only inside active periods. The first instant at
 * which it runs out is the breach, and a breach is final. A reopen with no resolution before it,
 * and a resolution while already resolved, are ignored (the earliest resolution stands).
 */
function resolutionOutcome(
  opened: number,
  resolvedAt: readonly Date[],
  reopenedAt: readonly Date[],
  budget: number,
  clock: PreciseSlaClock,
): ResolutionResult {
  // Ties put the resolution first (a ticket must be resolved to be reopened), which also makes
  // the result independent of the order the events arrived in.
  const events = [
    ...resolvedAt.map((d) => ({ t: d.getTime(), kind: RESOLVE })),
    ...reopenedAt.map((d) => ({ t: d.getTime(), kind: REOPEN })),
  ]
    .filter((e) => !Number.isNaN(e.t))
    .sort((a, b) => a.t - b.t || a.kind - b.kind);

  const effectiveResolved: Date[] = [];
  const effectiveReopened: Date[] = [];
  let open = true;
  let periodStart = opened;
  let used = 0;
  let breachedAt: number | null = null;

  for (const event of events) {
    if (event.kind === RESOLVE && open) {
      // Compare instants, like the first response: resolving after the deadline is a breach even
      // when no business minutes elapsed in between (e.g. resolved on a Saturday after Friday 17:00).
      const deadline = clock.addMs(periodStart, budget - used);
      if (breachedAt === null && event.t > deadline) breachedAt = deadline;
      used += Math.max(0, clock.msBetween(periodStart, event.t));
      open = false;
      effectiveResolved.push(new Date(event.t));
    } else if (event.kind === REOPEN && !open) {
      open = true;
      periodStart = event.t;
      effectiveReopened.push(new Date(event.t));
    }
  }

  // Still open: the remaining budget runs out at a fixed instant, breached from then on.
  if (open && breachedAt === null) breachedAt = clock.addMs(periodStart, budget - used);
  const minutes = open ? null : used / MINUTE_MS;
  const outcome: Outcome =
    breachedAt !== null
      ? { outcome: 'breached', at: new Date(breachedAt), minutes }
      : { outcome: 'met', at: effectiveResolved[effectiveResolved.length - 1], minutes };
  return { outcome, resolvedAt: effectiveResolved, reopenedAt: effectiveReopened };
}
