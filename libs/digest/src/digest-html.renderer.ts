import mjml from 'mjml';
import { KPI_LABELS, type AlertView } from '@rapport/contracts';
import type { DigestModel, ScoreMove } from './digest-model';
import { formatAlert, formatBand, formatChange, formatEvidence, formatKpi, formatScore, formatTime } from './digest-format';

/** Names come from admins and vendors' tools: everything interpolated is escaped. */
const esc = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const BAND_COLOR = { healthy: '#15803d', at_risk: '#b45309', critical: '#b91c1c' } as const;
const bandColor = (m: ScoreMove): string => (m.band ? BAND_COLOR[m.band] : '#6b7280');
const changeColor = (m: ScoreMove): string => (m.change === null || m.change === 0 ? '#6b7280' : m.change > 0 ? '#15803d' : '#b91c1c');

const row = (cells: string[], style = ''): string =>
  `<tr style="${style}">${cells.map((c) => `<td style="padding:4px 6px">${c}</td>`).join('')}</tr>`;

function healthTable(d: DigestModel): string {
  const lines = d.vendors.flatMap((v) => [
    row(
      [
        `<a href="${esc(`${d.links.dashboard}/vendors/${v.vendorId}`)}" style="color:#111827;font-weight:bold">${esc(v.vendorName)}</a>`,
        `<span style="color:${bandColor(v)};font-weight:bold">${formatScore(v.score)}</span> ${formatBand(v.band)}`,
        `<span style="color:${changeColor(v)}">${formatChange(v.change)}</span>`,
      ],
      'border-top:1px solid #e5e7eb',
    ),
    ...v.contracts.map((c) =>
      row([
        `&nbsp;&nbsp;<a href="${esc(`${d.links.dashboard}/contracts/${c.contractId}?at=${encodeURIComponent(d.at)}`)}" style="color:#374151">${esc(c.contractName)}</a>`,
        `<span style="color:${bandColor(c)}">${formatScore(c.score)}</span> ${formatBand(c.band)}`,
        `<span style="color:${changeColor(c)}">${formatChange(c.change)}</span>`,
      ]),
    ),
  ]);
  const head = row(['<b>Vendor / contract</b>', '<b>Health</b>', '<b>Week</b>']);
  return `<mj-table font-size="14px">${head}${lines.join('') || row(['No vendors to report.'])}</mj-table>`;
}

function moversSection(d: DigestModel): string {
  if (!d.movers.length) return '<mj-text>No KPI fell this week.</mj-text>';
  return d.movers
    .map(
      (m) => `<mj-text padding-bottom="2px"><b>${esc(m.vendorName)} / ${esc(m.contractName)}</b>: ${KPI_LABELS[m.kpi]}
        ${formatKpi(m.kpi, m.before)} → <b>${formatKpi(m.kpi, m.after)}</b> (${m.measureChange.toFixed(1)} points)</mj-text>
        ${m.evidence.length ? `<mj-text padding-top="0" color="#4b5563" font-size="12px">${m.evidence.map((e) => esc(formatEvidence(e))).join('<br/>')}</mj-text>` : ''}`,
    )
    .join('');
}

const alertList = (alerts: AlertView[]): string =>
  alerts.length
    ? `<mj-text font-size="13px">${alerts.map((a) => esc(formatAlert(a))).join('<br/>')}</mj-text>`
    : '<mj-text>None.</mj-text>';

const heading = (text: string): string => `<mj-text font-size="17px" font-weight="bold" padding-top="18px">${esc(text)}</mj-text>`;

/** The HTML part (MJML, responsive). `chartSrc` is `cid:…` in a mail and a data: URI in a preview. */
export async function renderDigestHtml(d: DigestModel, chartSrc: string): Promise<string> {
  const source = `<mjml>
  <mj-head>
    <mj-title>Rapport weekly digest ${esc(d.week)}</mj-title>
    <mj-attributes><mj-all font-family="Helvetica, Arial, sans-serif" /><mj-text font-size="14px" line-height="1.45" color="#111827" /></mj-attributes>
  </mj-head>
  <mj-body background-color="#f3f4f6">
    <mj-section background-color="#1e3a8a"><mj-column>
      <mj-text color="#ffffff" font-size="22px" font-weight="bold">Rapport weekly digest ${esc(d.week)}</mj-text>
      <mj-text color="#dbeafe">${esc(d.audience)} — health at ${formatTime(d.at)} (30-day window), change since ${formatTime(d.weekAgo)}</mj-text>
    </mj-column></mj-section>
    <mj-section background-color="#ffffff"><mj-column>
      ${heading('Health')}
      ${healthTable(d)}
      ${heading('Trend (last 28 days)')}
      <mj-image src="${esc(chartSrc)}" alt="Health score trend over the last 28 days" width="600px" padding="0 10px" />
      ${heading('KPIs that fell most')}
      ${moversSection(d)}
      ${heading(`SLA breaches this week (${d.breaches.length})`)}
      ${alertList(d.breaches)}
      ${heading(`Open alerts (${d.openAlerts.length})`)}
      ${alertList(d.openAlerts)}
      <mj-button href="${esc(d.links.dashboard)}" background-color="#1e3a8a">Open the dashboard</mj-button>
    </mj-column></mj-section>
    <mj-section><mj-column>
      <mj-text font-size="12px" color="#6b7280" align="center">
        You get this digest every week (mail preferences: PATCH /api/v1/me/mail-preferences).
        <a href="${esc(d.links.optOut)}" style="color:#6b7280">Stop these digests</a>
      </mj-text>
    </mj-column></mj-section>
  </mj-body>
</mjml>`;
  const { html, errors } = await mjml(source, { validationLevel: 'strict' });
  if (errors.length) throw new Error(`digest template: ${errors.map((e) => e.formattedMessage).join('; ')}`);
  return html;
}
