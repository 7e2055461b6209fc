import type { AlertView, ScorecardView } from '@rapport/contracts';
import type { DeadlinePassed } from '@rapport/db';

export type AlertDraft = Pick<AlertView, 'kind' | 'severity' | 'message'> & { dedupeKey?: string };

/** A fall of at least this many points between two consecutive scorecards is "sharp". */
export const SHARP_DROP_POINTS = 10;

const label = (s: ScorecardView): string => `${s.vendorName} / ${s.contractName}`;
const BAND_NAME = { healthy: 'healthy', at_risk: 'at risk', critical: 'critical' } as const;
const bandName = (band: ScorecardView['band']): string => (band ? BAND_NAME[band] : 'no score');

/** Alerts implied by moving from one scorecard to the next (pure; PRODUCT.md "Alerts"). */
export function alertsBetween(previous: Pick<ScorecardView, 'score' | 'band'> | null, next: ScorecardView): AlertDraft[] {
  if (!previous || next.score === null || previous.score === null) return [];
  const drafts: AlertDraft[] = [];
  if (previous.band !== next.band) {
    drafts.push({
      kind: 'band_change',
      severity: next.band === 'critical' ? 'critical' : next.band === 'at_risk' ? 'warning' : 'info',
      message: `${label(next)} moved from ${bandName(previous.band)} to ${bandName(next.band)} (score ${next.score.toFixed(1)})`,
    });
  }
  const drop = previous.score - next.score;
  if (drop >= SHARP_DROP_POINTS) {
    drafts.push({
      kind: 'sharp_drop',
      severity: 'warning',
      message: `${label(next)} dropped ${drop.toFixed(1)} points to ${next.score.toFixed(1)}`,
    });
  }
  return drafts;
}

const BREACH_SEVERITY = { P1: 'critical', P2: 'warning', P3: 'info', P4: 'info' } as const;

/** An SLA breach as its deadline passes with the response or resolution still due. */
export function breachAlerts(ticket: DeadlinePassed, after: Date, until: Date): AlertDraft[] {
  const passed = (d: Date | null): boolean => d !== null && d > after && d <= until;
  const name = ticket.title ? `${ticket.ticketId} "${ticket.title}"` : ticket.ticketId;
  const severity = BREACH_SEVERITY[ticket.priority ?? 'P4'];
  const breaches = [
    { target: 'first-response', due: ticket.firstResponseDueAt },
    { target: 'resolution', due: ticket.resolutionDueAt },
  ].filter(({ due }) => passed(due));
  return breaches.map(({ target, due }) => ({
    kind: 'sla_breach',
    severity,
    message: `${ticket.priority} ticket ${name} breached its ${target} target`,
    // One alert per deadline, whichever instance or restart sees it pass (a reopened ticket gets a new deadline).
    dedupeKey: `sla:${ticket.contractId}:${ticket.ticketId}:${target}:${due!.toISOString()}`,
  }));
}
