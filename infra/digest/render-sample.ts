// `npm run docs:digest-sample`: writes docs/digest-sample.eml (a manager's digest built by the
// same renderers and mail transport as production, from a fixed sample week) and
// docs/digest-sample.png (Debian's Chromium rendering its HTML part).
import { CHART_CID, DigestModel } from '@rapport/digest';
// @rapport/digest keeps its renderers to MailRenderer's thread; this offline script runs them in-process.
// eslint-disable-next-line no-restricted-imports
import { renderDigestMail, renderDigestPreview } from '../../libs/digest/src/mail-rendering';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { chromium } from 'playwright-core';

const AT = Date.parse('2026-11-30T00:00:00Z');
const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();
const curve = (start: number, end: number) =>
  Array.from({ length: 29 }, (_, i) => ({
    at: iso(AT - (28 - i) * DAY),
    score: Math.round((start + ((end - start) * i) / 28 + 3 * Math.sin(i)) * 10) / 10,
  }));
const contract = (contractId: string, contractName: string, score: number, previousScore: number) => ({
  contractId,
  contractName,
  score,
  previousScore,
  change: score - previousScore,
  band: score >= 75 ? ('healthy' as const) : score >= 50 ? ('at_risk' as const) : ('critical' as const),
});

const model: DigestModel = {
  week: '2026-W48',
  at: iso(AT),
  weekAgo: iso(AT - 7 * DAY),
  audience: 'All vendors',
  vendors: [
    {
      vendorId: 'v-northwind',
      vendorName: 'Northwind Hosting',
      ...contract('', '', 46.3, 58.9),
      contracts: [contract('c-nw-1', 'Managed hosting', 46.3, 58.9)],
    },
    {
      vendorId: 'v-contoso',
      vendorName: 'Contoso Support',
      ...contract('', '', 71.8, 70.2),
      contracts: [contract('c-co-1', 'Service desk', 68.4, 69.0), contract('c-co-2', 'Field support', 75.2, 71.4)],
    },
    {
      vendorId: 'v-fabrikam',
      vendorName: 'Fabrikam Dev',
      ...contract('', '', 88.5, 86.1),
      contracts: [contract('c-fa-1', 'Platform team', 88.5, 86.1)],
    },
  ],
  movers: [
    {
      contractId: 'c-nw-1',
      contractName: 'Managed hosting',
      vendorName: 'Northwind Hosting',
      kpi: 'firstResponseCompliance',
      before: 0.93,
      after: 0.71,
      measureChange: -70.4,
      evidence: [
        { kind: 'ticket', id: 'INC-4411', outcome: 'breached', at: '2026-11-27T14:05:00.000Z' },
        { kind: 'ticket', id: 'INC-4398', outcome: 'breached', at: '2026-11-25T09:40:00.000Z' },
      ],
    },
    {
      contractId: 'c-co-1',
      contractName: 'Service desk',
      vendorName: 'Contoso Support',
      kpi: 'csat',
      before: 0.86,
      after: 0.8,
      measureChange: -20,
      evidence: [{ kind: 'feedback', id: 'FB-201', outcome: 'low_csat', at: '2026-11-26T16:20:00.000Z' }],
    },
  ],
  breaches: [
    {
      id: 'a1',
      contractId: 'c-nw-1',
      vendorId: 'v-northwind',
      kind: 'sla_breach',
      severity: 'critical',
      message: 'P1 ticket INC-4411 "Storage array offline" breached its first-response target',
      raisedAt: '2026-11-27T14:05:00.000Z',
    },
    {
      id: 'a2',
      contractId: 'c-nw-1',
      vendorId: 'v-northwind',
      kind: 'sla_breach',
      severity: 'warning',
      message: 'P2 ticket INC-4398 breached its resolution target',
      raisedAt: '2026-11-25T09:40:00.000Z',
    },
  ],
  openAlerts: [
    {
      id: 'a3',
      contractId: 'c-nw-1',
      vendorId: 'v-northwind',
      kind: 'band_change',
      severity: 'critical',
      message: 'Northwind Hosting / Managed hosting moved from at risk to critical (score 46.3)',
      raisedAt: '2026-11-27T14:06:00.000Z',
    },
  ],
  trend: [
    { label: 'Northwind Hosting / Managed hosting', points: curve(66, 46) },
    { label: 'Contoso Support / Service desk', points: curve(70, 68) },
    { label: 'Contoso Support / Field support', points: curve(70, 75) },
    { label: 'Fabrikam Dev / Platform team', points: curve(84, 88) },
  ],
  links: { dashboard: 'http://localhost:3000', optOut: 'http://localhost:3000/api/v1/mail/opt-out?token=sample' },
};

async function main(): Promise<void> {
  const { text, html, chart } = await renderDigestMail(model, CHART_CID);
  const transport = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = (await transport.sendMail({
    from: 'Rapport <rapport@localhost>',
    to: 'manager@rapport.local',
    subject: `Rapport weekly digest ${model.week}: ${model.audience}`,
    date: new Date(model.at),
    text,
    html,
    attachments: [{ filename: 'trend.png', content: Buffer.from(chart), cid: CHART_CID, contentType: 'image/png' }],
  })) as { message: Buffer };
  writeFileSync('docs/digest-sample.eml', info.message);

  const profile = mkdtempSync(join(tmpdir(), 'rapport-digest-sample-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 700, height: 900 },
  });
  try {
    const page = await browser.newPage();
    await page.setContent(await renderDigestPreview(model));
    await page.screenshot({ path: 'docs/digest-sample.png', fullPage: true });
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
  console.log('wrote docs/digest-sample.eml and docs/digest-sample.png');
}

void main();
