import { BAND_LABELS, KPI_UNITS, type AlertView, type Band, type EventRef, type KpiKey } from '@rapport/contracts';

/** How numbers read in a digest: scores to one decimal, rates as percentages, NPS as points. */
export const formatScore = (score: number | null): string => (score === null ? 'no data' : score.toFixed(1));

export const formatChange = (change: number | null): string =>
  change === null ? 'n/a' : change === 0 ? '±0.0' : `${change > 0 ? '+' : '−'}${Math.abs(change).toFixed(1)}`;

export const formatBand = (band: Band | null): string => (band ? BAND_LABELS[band] : 'no score');

export function formatKpi(key: KpiKey, value: number | null): string {
  if (value === null) return 'insufficient data';
  switch (KPI_UNITS[key]) {
    case 'nps':
      return value.toFixed(0);
    case 'minutes':
      return `${Math.round(value)} min`;
    case 'rate':
      return `${(value * 100).toFixed(1)}%`;
  }
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
