import type { AlertView, ScorecardView } from '@rapport/contracts';
import type { DigestModel } from './digest-model';
import { MailRenderer } from './mail-renderer.service';
import { renderAlertMail, renderDigestMail, renderDigestPreview } from './mail-rendering';

const alert: AlertView = {
  id: 'a1',
  contractId: 'c1',
  vendorId: 'v1',
  kind: 'sla_breach',
  severity: 'critical',
  message: 'P1 ticket INC-1 "Outage" breached its first-response target',
  raisedAt: '2026-11-27T14:05:00.000Z',
};

const model: DigestModel = {
  week: '2026-W48',
  at: '2026-11-30T00:00:00.000Z',
  weekAgo: '2026-11-23T00:00:00.000Z',
  audience: 'All vendors',
  vendors: [
    {
      vendorId: 'v1',
      vendorName: 'Northwind Hosting',
      score: 46.3,
      band: 'critical',
      previousScore: 58.9,
      change: -12.6,
      contracts: [{ contractId: 'c1', contractName: 'Managed hosting', score: 46.3, band: 'critical', previousScore: 58.9, change: -12.6 }],
    },
  ],
  movers: [],
  breaches: [alert],
  openAlerts: [],
  trend: [
    {
      label: 'Managed hosting',
      points: [
        { at: '2026-11-28T00:00:00.000Z', score: 60 },
        { at: '2026-11-29T00:00:00.000Z', score: null },
        { at: '2026-11-30T00:00:00.000Z', score: 46.3 },
      ],
    },
  ],
  links: { dashboard: 'http://rapport.test/', optOut: 'http://rapport.test/opt-out' },
};

/**
 * Mails are written on a thread of their own (off the pipeline's and the API's event loops): what
 * comes back must be what the same renderers write in the process, the chart's bytes included.
 */
describe('MailRenderer', () => {
  const renderer = new MailRenderer();
  afterAll(() => renderer.onModuleDestroy());

  it('writes a digest on its thread as in the process: text, HTML and the chart as a Buffer', async () => {
    const [threaded, inline] = await Promise.all([renderer.digest(model, 'chart@test'), renderDigestMail(model, 'chart@test')]);
    expect(threaded.text).toBe(inline.text);
    expect(threaded.text).toContain('Northwind Hosting');
    expect(threaded.html).toBe(inline.html);
    expect(threaded.html).toContain('cid:chart@test');
    expect(Buffer.isBuffer(threaded.chart)).toBe(true);
    expect(threaded.chart.subarray(1, 4).toString()).toBe('PNG');
    expect(threaded.chart.equals(Buffer.from(inline.chart))).toBe(true);
  });

  it('writes the preview and an alert mail on its thread as in the process', async () => {
    const scorecard = {
      vendorName: 'Northwind Hosting',
      contractName: 'Managed hosting',
      score: 46.3,
      band: 'critical',
      explanation: { summary: 'First responses fell behind.' },
    } as ScorecardView;
    const alertModel = { alert, scorecard, contractUrl: 'http://rapport.test/contracts/c1', optOut: 'http://rapport.test/opt-out' };
    const [preview, previewInline] = await Promise.all([renderer.digestPreview(model), renderDigestPreview(model)]);
    expect(preview).toBe(previewInline);
    expect(preview).toContain('data:image/png;base64,');
    const [mail, mailInline] = await Promise.all([renderer.alert(alertModel), renderAlertMail(alertModel)]);
    expect(mail).toEqual(mailInline);
    expect(mail.text).toContain('INC-1');
  });
});
