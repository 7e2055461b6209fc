import { formatMinutes } from './format';
import type { EvidenceRow } from './types';

type Sla = Record<string, { firstResponseMinutes: number; resolutionMinutes: number }>;

const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

/**
 * How late, in words. Ticket times are calendar time between the stored instants, next to the
 * SLA target; with a business-hours calendar the SLA clock counts fewer minutes, which the text
 * says. Deliverables are late by submission (or now) against their due date.
 */
export function lateness(row: EvidenceRow, sla: Sla | null, businessHours: boolean, now = Date.now()): string {
  const clock = businessHours ? ' (calendar time; the SLA counts business hours)' : '';
  if (row.kind === 'ticket' && (row.kpi === 'firstResponseCompliance' || row.kpi === 'resolutionCompliance') && row.openedAt) {
    const first = row.kpi === 'firstResponseCompliance';
    const done = first ? row.respondedAt : row.resolvedAt;
    const target =
      row.priority && sla?.[row.priority] ? (first ? sla[row.priority].firstResponseMinutes : sla[row.priority].resolutionMinutes) : null;
    const took = minutesBetween(row.openedAt, done ?? new Date(now).toISOString());
    const what = first ? (done ? 'answered' : 'unanswered') : done ? 'resolved' : 'unresolved';
    const late = target !== null ? `, ${formatMinutes(Math.max(0, took - target))} over the ${formatMinutes(target)} target` : '';
    return `${what} after ${formatMinutes(took)}${late}${clock}`;
  }
  if (row.kind === 'ticket' && row.outcome === 'reopened') return 'reopened after resolution';
  if (row.kind === 'deliverable' && row.outcome === 'late' && row.dueAt) {
    if (row.submittedAt) return `submitted ${formatMinutes(minutesBetween(row.dueAt, row.submittedAt))} after its due date`;
    return `not submitted, ${formatMinutes(minutesBetween(row.dueAt, new Date(now).toISOString()))} past its due date`;
  }
  if (row.kind === 'deliverable' && row.outcome === 'rejected') return 'rejected at first review';
  if (row.kind === 'feedback') return [row.rating, row.comment ? `“${row.comment}”` : null].filter(Boolean).join(' · ');
  return '';
}
