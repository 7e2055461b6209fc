import mjml from 'mjml';
import type { AlertMailModel } from './alert-mail-model';
import { formatBand, formatScore, formatTime } from './digest-format';

const esc = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const renderAlertText = (m: AlertMailModel): string =>
  [
    `Critical alert at ${formatTime(m.alert.raisedAt)}`,
    m.alert.message,
    `Health now: ${formatScore(m.scorecard.score)} (${formatBand(m.scorecard.band)}).`,
    m.scorecard.explanation.summary,
    '',
    `Contract: ${m.contractUrl}`,
    'At most one such mail per contract per hour; the dashboard lists every alert.',
    `Stop alert mails: ${m.optOut}`,
    '',
  ].join('\n');

export async function renderAlertHtml(m: AlertMailModel): Promise<string> {
  const { html, errors } = await mjml(
    `<mjml><mj-body background-color="#f3f4f6">
      <mj-section background-color="#b91c1c"><mj-column>
        <mj-text color="#ffffff" font-size="20px" font-weight="bold" font-family="Helvetica, Arial, sans-serif">Critical: ${esc(m.scorecard.vendorName)} / ${esc(m.scorecard.contractName)}</mj-text>
      </mj-column></mj-section>
      <mj-section background-color="#ffffff"><mj-column>
        <mj-text font-family="Helvetica, Arial, sans-serif" font-size="15px">${esc(m.alert.message)}</mj-text>
        <mj-text font-family="Helvetica, Arial, sans-serif">Health now: <b>${formatScore(m.scorecard.score)}</b> (${formatBand(m.scorecard.band)}). ${esc(m.scorecard.explanation.summary)}</mj-text>
        <mj-button href="${esc(m.contractUrl)}" background-color="#1e3a8a">Open the contract</mj-button>
        <mj-text font-family="Helvetica, Arial, sans-serif" font-size="12px" color="#6b7280">At most one such mail per contract per hour. <a href="${esc(m.optOut)}" style="color:#6b7280">Stop alert mails</a></mj-text>
      </mj-column></mj-section>
    </mj-body></mjml>`,
    { validationLevel: 'strict' },
  );
  if (errors.length) throw new Error(`alert template: ${errors.map((e) => e.formattedMessage).join('; ')}`);
  return html;
}
