import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { axeSerious, openBrowser, signIn, waitForShown } from '../support/browser';
import { EventFactory, HOUR, STANDARD_SLA } from '../support/fixtures';
import { RapportHarness } from '../support/rapport-harness';

const SHOTS = 'dist/screenshots';
const PASSWORD = 'correct-horse-battery';

/**
 * The dashboard in a real Chromium, one journey per role: every page opened by a deep link or a
 * click is checked by axe-core (no serious or critical findings) and photographed.
 */
describe('dashboard', () => {
  let rapport: RapportHarness;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let a: { vendorId: string; contractId: string };
  let b: { vendorId: string; contractId: string };
  let helpdesk: string;
  const axeReport: Record<string, number> = {};
  const defaultTtl = process.env.ACCESS_TOKEN_TTL;

  const rating = (events: EventFactory, id: string, csat: number) =>
    events.event('feedback.submitted', Date.now() - HOUR, { feedbackId: id, csat });
  const score = (page: Page, id: string) => page.locator(`.scorecard-card[data-contract-id="${id}"] [data-testid="score"]`).textContent();

  async function check(page: Page, name: string): Promise<void> {
    const findings = await axeSerious(page);
    axeReport[name] = findings.length;
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
    expect({ page: name, findings }).toEqual({ page: name, findings: [] });
  }

  beforeAll(async () => {
    // Access tokens short enough to expire during the test: the page must renew them unnoticed.
    process.env.ACCESS_TOKEN_TTL = '20s';
    mkdirSync(SHOTS, { recursive: true });
    rapport = await RapportHarness.start();
    const token = await rapport.adminToken();
    a = await rapport.createContract(token, 'Contoso Cloud', { name: 'Landing zone', serviceType: 'cloud' });
    b = await rapport.createContract(token, 'Fabrikam Support', { name: 'Service desk', serviceType: 'it_support' });
    for (const [email, role, vendorId] of [
      ['manager@rapport.test', 'manager', null],
      ['vendor-a@rapport.test', 'vendor', a.vendorId],
    ] as const) {
      const created = await rapport.request('POST', '/api/v1/users', { token, body: { email, password: PASSWORD, role, vendorId } });
      expect(created.status).toBe(201);
    }
    // Fabrikam: CSAT 3/3 = 1.0 → 100, healthy.
    const fb = new EventFactory(b.contractId);
    await rapport.ingest([rating(fb, 'B1', 5), rating(fb, 'B2', 5), rating(fb, 'B3', 5)]);
    // Contoso's second contract: three P1 tickets answered 1 h after opening (target 15 min) and
    // resolved 5 h after (target 4 h): every one breached both SLAs.
    const second = await rapport.request<{ id: string }>('POST', '/api/v1/contracts', {
      token,
      body: { vendorId: a.vendorId, name: 'Helpdesk', serviceType: 'it_support', startsAt: '2026-01-01T00:00:00Z', sla: STANDARD_SLA },
    });
    expect(second.status).toBe(201);
    helpdesk = second.body.id;
    const fh = new EventFactory(helpdesk);
    const opened = Date.now() - 8 * HOUR;
    await rapport.ingest(
      ['VPN down', 'Mail queue stuck', 'Laptop imaging'].flatMap((title, i) => [
        fh.event('ticket.opened', opened, { ticketId: `SUP-${i}`, priority: 'P1', title }),
        fh.event('ticket.responded', opened + HOUR, { ticketId: `SUP-${i}` }),
        fh.event('ticket.resolved', opened + 5 * HOUR, { ticketId: `SUP-${i}` }),
      ]),
    );
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await rapport?.stop();
    if (defaultTtl === undefined) delete process.env.ACCESS_TOKEN_TTL;
    else process.env.ACCESS_TOKEN_TTL = defaultTtl;
    console.log(`axe serious+critical findings per page: ${JSON.stringify(axeReport)}`);
  });

  it('admin: portfolio redraws live; the time from an accepted event to the redrawn card is measured', async () => {
    const page = await browser.context.newPage();
    await signIn(page, rapport.baseUrl, process.env.ADMIN_EMAIL!, process.env.ADMIN_PASSWORD!);
    await waitForShown(page, `.scorecard-card[data-contract-id="${b.contractId}"]`);
    await expect(score(page, b.contractId)).resolves.toBe('100.0');
    await expect(score(page, a.contractId)).resolves.toBe('—');
    const marker = await page.evaluate(() => ((window as unknown as { marker: number }).marker = Math.random()));

    // Contoso: three ratings of 5 → CSAT 1.0 → 100.0, then one of 2 → 3/4 = 0.75 → (0.75 − 0.6)/0.3 = 50.0.
    const fa = new EventFactory(a.contractId);
    const redraws: number[] = [];
    for (const [events, expected] of [
      [[rating(fa, 'A1', 5), rating(fa, 'A2', 5), rating(fa, 'A3', 5)], '100.0'],
      [[rating(fa, 'A4', 2)], '50.0'],
    ] as const) {
      const sent = await rapport.ingest(events);
      const accepted = Date.now();
      expect(sent.status).toBe(202);
      await page.waitForFunction(
        ([id, text]) => document.querySelector(`.scorecard-card[data-contract-id="${id}"] [data-testid="score"]`)?.textContent === text,
        [a.contractId, expected] as const,
        { polling: 'raf' },
      );
      redraws.push(Date.now() - accepted);
    }
    console.log(`accepted event → card redrawn: ${redraws.map((ms) => `${ms} ms`).join(', ')}`);
    await expect(page.locator(`.scorecard-card[data-contract-id="${a.contractId}"]`).getAttribute('data-band')).resolves.toBe('at_risk');
    await expect(page.evaluate(() => (window as unknown as { marker: number }).marker)).resolves.toBe(marker); // redrawn, not reloaded

    // Filters and sort live in the URL.
    await page.selectOption('[data-testid="filter-type"]', 'cloud');
    await page.waitForFunction(() => document.querySelectorAll('.scorecard-card').length === 1);
    expect(page.url()).toContain('type=cloud');
    await page.selectOption('[data-testid="filter-type"]', '');
    await page.click('button[data-window="7d"]');
    await page.waitForFunction(() => location.search.includes('window=7d'));
    await waitForShown(page, `.scorecard-card[data-contract-id="${a.contractId}"]`);
    await check(page, 'portfolio');
    await page.close();
  });

  it('admin: a deep link in a new tab opens the contract signed in; what-if previews without saving', async () => {
    const page = await browser.context.newPage(); // same profile: the session is shared, not re-entered
    await page.goto(`${rapport.baseUrl}/contracts/${a.contractId}?window=30d`);
    await waitForShown(page, '[data-testid="contract-page"] [data-testid="kpi-cards"]');
    await expect(page.locator('[data-testid="explanation"]').textContent()).resolves.toContain('CSAT');
    await waitForShown(page, '[data-testid="history-chart"] canvas');
    // Only satisfaction has data (score 50): any weight > 0 on it keeps 50; weight 0 leaves no dimension → no score.
    await page.fill('[data-testid="weight-satisfaction"]', '0');
    await expect(page.locator('[data-testid="what-if-score"]').textContent()).resolves.toBe('—');
    await check(page, 'contract');
    await page.emulateMedia({ colorScheme: 'dark' });
    await check(page, 'contract-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await page.click(`a[href^="/vendors/${a.vendorId}"]`);
    await waitForShown(page, `[data-testid="vendor-page"][data-vendor-id="${a.vendorId}"] [data-testid="vendors-compared"]`);
    await check(page, 'vendor');

    // At phone width nothing overflows sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${rapport.baseUrl}/contracts/${a.contractId}`);
    await waitForShown(page, '[data-testid="kpi-cards"]');
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await check(page, 'contract-390px');
    await page.setViewportSize({ width: 1400, height: 900 });

    // Evidence names the tickets with title, priority and lateness; dimensions have their own lines.
    await page.goto(`${rapport.baseUrl}/contracts/${helpdesk}`);
    await waitForShown(page, '[data-testid="evidence"] tr[data-row-id]');
    const evidence = await page.textContent('[data-testid="evidence"]');
    expect(evidence).toContain('VPN down');
    expect(evidence).toContain('P1');
    expect(evidence).toContain('answered after 1h, 45m over the 15m target');
    expect(evidence).toContain('resolved after 5h, 1h over the 4h target');
    await waitForShown(page, '[data-testid="history-chart"] canvas');
    await expect(page.locator('[data-testid="history-chart"] details tbody tr td:first-child').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Score', 'Responsiveness', 'Turnaround']),
    );
    await check(page, 'contract-evidence');
    // The scorecard as a PDF, through the print stylesheet.
    const pdf = await page.pdf({ path: `${SHOTS}/contract.pdf` });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });

  it('admin: alerts can be acknowledged, and the admin console shows field errors from the browser and the server', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${rapport.baseUrl}/alerts`);
    await waitForShown(page, '[data-testid="alerts-table"] [data-testid="ack"]');
    await check(page, 'alerts');
    await page.locator('[data-testid="ack"]').first().click();
    await waitForShown(page, '[data-testid="acked"]');
    const audit = await rapport.request<{ action: string }[]>('GET', '/api/v1/audit-log?action=alert.acknowledge', {
      token: await rapport.adminToken(),
    });
    expect(audit.body.length).toBe(1);

    for (const section of ['vendors', 'users', 'tokens', 'connectors', 'secrets', 'quarantine', 'audit', 'contracts']) {
      await page.goto(`${rapport.baseUrl}/admin/${section}`);
      await waitForShown(page, '[data-testid="admin-page"] table');
      await check(page, `admin-${section}`);
    }
    // Keyboard only: the dialog opens from the keyboard and Tab never leaves it.
    await page.focus('[data-testid="create"]');
    await page.keyboard.press('Enter');
    await waitForShown(page, 'dialog[open]');
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      expect(
        await page.evaluate(() => document.activeElement?.closest('dialog[open]') !== null || document.activeElement === document.body),
      ).toBe(true);
    }
    // Browser validation: an empty required field is named beside it, nothing is sent.
    await page.click('dialog[open] button[type="submit"]');
    await waitForShown(page, '[data-testid="error-f-name"]');
    // Server validation: an end before the start is the server's 400, shown beside "Ends on".
    await page.selectOption('dialog[open] select[name="vendorId"]', a.vendorId);
    await page.fill('dialog[open] input[name="name"]', 'Backwards');
    await page.selectOption('dialog[open] select[name="serviceType"]', 'cloud');
    await page.fill('dialog[open] input[name="startsAt"]', '2026-06-01');
    await page.fill('dialog[open] input[name="endsAt"]', '2026-01-01');
    for (const p of ['P1', 'P2', 'P3', 'P4']) {
      await page.fill(`dialog[open] input[name="sla.${p}.firstResponseMinutes"]`, '60');
      await page.fill(`dialog[open] input[name="sla.${p}.resolutionMinutes"]`, '480');
    }
    await page.click('dialog[open] button[type="submit"]');
    await waitForShown(page, '[data-testid="error-f-endsAt"]');
    await expect(page.textContent('[data-testid="error-f-endsAt"]')).resolves.toContain('after startsAt');
    await check(page, 'admin-contract-form');
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog[open]', { state: 'detached' }).catch(() => undefined);
    await page.close();
  });

  it('manager: sees every vendor, may acknowledge, has no admin console', async () => {
    const ctx = await openBrowser();
    try {
      const page = await ctx.context.newPage();
      await signIn(page, rapport.baseUrl, 'manager@rapport.test', PASSWORD);
      await waitForShown(page, `.scorecard-card[data-contract-id="${b.contractId}"]`);
      await waitForShown(page, `.scorecard-card[data-contract-id="${a.contractId}"]`);
      await check(page, 'manager-portfolio');
      expect(await page.locator('nav a[href="/admin"]').count()).toBe(0);
      await page.goto(`${rapport.baseUrl}/admin/users`);
      await waitForShown(page, '[data-testid="not-found"]');
    } finally {
      await ctx.close();
    }
  });

  it('vendor: sees only their own vendor, by the UI, a guessed URL or the socket', async () => {
    const ctx = await openBrowser();
    try {
      const page = await ctx.context.newPage();
      await signIn(page, rapport.baseUrl, 'vendor-a@rapport.test', PASSWORD);
      await waitForShown(page, `.scorecard-card[data-contract-id="${a.contractId}"]`);
      await check(page, 'vendor-portfolio');
      // Another vendor's update is pushed to scope:all only; the vendor's page never shows it.
      const fb = new EventFactory(b.contractId);
      await rapport.ingest([rating(fb, 'B4', 1)]);
      const fa = new EventFactory(a.contractId);
      await rapport.ingest([rating(fa, 'A5', 5)]); // CSAT 4/5 = 0.8 → 66.7: a later update of their own
      await page.waitForFunction(
        (id) => document.querySelector(`.scorecard-card[data-contract-id="${id}"] [data-testid="score"]`)?.textContent === '66.7',
        a.contractId,
      );
      const text = await page.textContent('body');
      expect(text).not.toContain('Fabrikam');
      expect(await page.locator(`[data-contract-id="${b.contractId}"]`).count()).toBe(0);

      for (const url of [`/contracts/${b.contractId}`, `/vendors/${b.vendorId}`]) {
        await page.goto(rapport.baseUrl + url);
        await waitForShown(page, '[data-testid="not-found"]');
        expect(await page.textContent('body')).not.toContain('Fabrikam');
      }
      await page.goto(`${rapport.baseUrl}/vendors/${a.vendorId}`);
      await waitForShown(page, '[data-testid="vendors-compared"]');
      expect(await page.textContent('body')).not.toContain('Fabrikam');
      await check(page, 'vendor-own-vendor');

      // Behind the UI, the same answers: another vendor's details are a 404, acknowledging is not theirs.
      const token = await rapport.login('vendor-a@rapport.test', PASSWORD);
      for (const path of [`/api/v1/scorecards/${b.contractId}/evidence`, `/api/v1/scorecards/${b.contractId}/dimension-history`]) {
        expect((await rapport.request('GET', path, { token })).status).toBe(404);
      }
      const own = await rapport.request<{ id: string; vendorId: string }[]>('GET', '/api/v1/alerts/history', { token });
      expect(own.body.every((x) => x.vendorId === a.vendorId)).toBe(true);
      expect(own.body.length).toBeGreaterThan(0);
      expect((await rapport.request('POST', `/api/v1/alerts/${own.body[0].id}/acknowledge`, { token })).status).toBe(403);
    } finally {
      await ctx.close();
    }
  });

  it('serves deep links as the app, assets compressed and immutable, index.html never cached', async () => {
    const deep = await fetch(`${rapport.baseUrl}/contracts/${a.contractId}?window=7d`, { headers: { accept: 'text/html' } });
    expect(deep.status).toBe(200);
    expect(deep.headers.get('cache-control')).toBe('no-cache');
    const html = await deep.text();
    const script = /src="(\/assets\/main-[A-Z0-9]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(rapport.baseUrl + script!, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    // Server paths keep their own answers.
    expect((await fetch(`${rapport.baseUrl}/api/v1/nope`, { headers: { accept: 'text/html' } })).status).toBe(404);
    expect((await fetch(`${rapport.baseUrl}/assets/main-GONE.js`)).status).toBe(404);
  });
});
