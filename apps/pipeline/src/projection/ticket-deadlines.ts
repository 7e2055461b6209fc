import type { TicketProjection } from '@rapport/db';
import type { TicketOutcomes } from '@rapport/kpi';

type Derived = Pick<TicketProjection, 'relevantUntil' | 'firstResponseDueAt' | 'resolutionDueAt'>;

const latest = (dates: Date[]): Date | null => dates.reduce<Date | null>((max, d) => (max && max >= d ? max : d), null);

/**
 * What the stored ticket needs besides its facts: until when it can move a KPI (so window
 * queries skip old tickets), and its pending deadlines (so breaches land with no event).
 */
export function ticketDeadlines(outcomes: TicketOutcomes | null): Derived {
  if (!outcomes) return { relevantUntil: null, firstResponseDueAt: null, resolutionDueAt: null };
  const { firstResponse, resolution } = outcomes;
  return {
    relevantUntil: latest([
      firstResponse.at,
      resolution.at,
      ...(outcomes.respondedAt ? [outcomes.respondedAt] : []),
      ...outcomes.resolvedAt,
      ...outcomes.reopenedAt,
    ]),
    firstResponseDueAt: outcomes.respondedAt ? null : firstResponse.at,
    resolutionDueAt: resolution.minutes === null ? resolution.at : null,
  };
}
