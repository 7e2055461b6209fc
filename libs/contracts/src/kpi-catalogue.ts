import type { KpiKey } from './scorecard';

/** rate: a fraction 0–1 (shown as %); minutes: SLA-clock minutes; nps: −100..100. */
export type KpiUnit = 'rate' | 'minutes' | 'nps';

/** Each KPI's unit (docs/product.md "KPIs"): it decides rounding on the server and formatting everywhere. */
export const KPI_UNITS: Readonly<Record<KpiKey, KpiUnit>> = Object.freeze({
  firstResponseCompliance: 'rate',
  resolutionCompliance: 'rate',
  medianFirstResponseMinutes: 'minutes',
  medianResolutionMinutes: 'minutes',
  p90ResolutionMinutes: 'minutes',
  onTimeDelivery: 'rate',
  firstPassAcceptance: 'rate',
  reopenRate: 'rate',
  csat: 'rate',
  nps: 'nps',
});

/** What people call each KPI, in the dashboard and in mails. */
export const KPI_LABELS: Readonly<Record<KpiKey, string>> = Object.freeze({
  firstResponseCompliance: 'First-response SLA',
  resolutionCompliance: 'Resolution SLA',
  medianFirstResponseMinutes: 'Median first response',
  medianResolutionMinutes: 'Median resolution',
  p90ResolutionMinutes: 'P90 resolution',
  onTimeDelivery: 'On-time delivery',
  firstPassAcceptance: 'First-pass acceptance',
  reopenRate: 'Reopen rate',
  csat: 'CSAT',
  nps: 'NPS',
});
