import type { AlertView, Band, EventRef, KpiKey } from '@rapport/contracts';

/** How numbers read in a digest: scores to one decimal, rates as percentages, NPS as points. */
export const formatScore = (score: number | null): string => (score === null ? 'no data' : score.toFixed(1));

export const formatChange = (change: number | null): string =>
  change === null ? 'n/a' : change === 0 ? '±0.0' : `${change > 0 ? '+' : '−'}${Math.abs(change).toFixed(1)}`;

const BAND_LABEL: Record<Band, string> = { healthy: 'healthy', at_risk: 'at risk', critical: 'critical' };
export const formatBand = (band: Band | null): string => (band ? BAND_LABEL[band] : 'no score');

export const KPI_LABEL: Record<KpiKey, string> = {
  firstResponseCompliance: 'First-response SLA',
  resolutionCompliance: 'Resolution SLA',
  medianFirstResponseMinutes: 'Median first response',
  medianResolutionMinutes: 'Median resolution',
  p90ResolutionMinutes: 'p90 resolution',
  onTimeDelivery: 'On-time delivery',
  firstPassAcceptance: 'First-pass acceptance',
  reopenRate: 'Reopen rate',
  csat: 'CSAT',
  nps: 'NPS',
};

export function formatKpi(key: KpiKey, value: number | null): string {
  if (value === null) return 'insufficient data';
  if (key === 'nps') return value.toFixed(0);
  if (key.endsWith('Minutes')) return `${Math.round(value)} min`;
  return `${(value * 100).toFixed(1)}%`;
}

const OUTCOME: Record<string, string> = {
  breached: 'breached',
  late: 'late',
  rejected: 'rejected',
  reopened: 'reopened',
  low_csat: 'low CSAT',
  detractor: 'NPS detractor',
};
export const formatEvidence = (e: EventRef): string => `${e.kind} ${e.id} ${OUTCOME[e.outcome] ?? e.outcome} ${formatTime(e.at)}`;

export const formatTime = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export const formatAlert = (a: AlertView): string => `${formatTime(a.raisedAt)} [${a.severity}] ${a.message}`;
