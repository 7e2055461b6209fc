import { KPI_LABELS } from '@rapport/contracts';
import type { DigestModel } from './digest-model';
import { formatAlert, formatBand, formatChange, formatEvidence, formatKpi, formatScore, formatTime } from './digest-format';

/** The plain-text part: the same sections as the HTML, readable in any client. */
export function renderDigestText(d: DigestModel): string {
  const lines = [
    `Rapport weekly digest ${d.week} — ${d.audience}`,
    `Health at ${formatTime(d.at)} (30-day window), change since ${formatTime(d.weekAgo)}.`,
    '',
    'HEALTH',
  ];
  if (!d.vendors.length) lines.push('  No vendors to report.');
  for (const v of d.vendors) {
    lines.push(`* ${v.vendorName}: ${formatScore(v.score)} (${formatBand(v.band)}), week change ${formatChange(v.change)}`);
    for (const c of v.contracts) {
      lines.push(`  - ${c.contractName}: ${formatScore(c.score)} (${formatBand(c.band)}), week change ${formatChange(c.change)}`);
    }
  }
  lines.push('', 'KPIS THAT FELL MOST');
  if (!d.movers.length) lines.push('  No KPI fell this week.');
  for (const m of d.movers) {
    lines.push(
      `* ${m.vendorName} / ${m.contractName}: ${KPI_LABELS[m.kpi]} ${formatKpi(m.kpi, m.before)} -> ${formatKpi(m.kpi, m.after)} (${m.measureChange.toFixed(1)} points)`,
    );
    for (const e of m.evidence) lines.push(`    ${formatEvidence(e)}`);
  }
  lines.push('', `SLA BREACHES THIS WEEK (${d.breaches.length})`);
  if (!d.breaches.length) lines.push('  None.');
  for (const a of d.breaches) lines.push(`* ${formatAlert(a)}`);
  lines.push('', `OPEN ALERTS (${d.openAlerts.length})`);
  if (!d.openAlerts.length) lines.push('  None.');
  for (const a of d.openAlerts) lines.push(`* ${formatAlert(a)}`);
  lines.push('', `Dashboard: ${d.links.dashboard}`, `Stop these digests: ${d.links.optOut}`, '');
  return lines.join('\n');
}
