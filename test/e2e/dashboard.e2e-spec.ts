import type { Page } from 'playwright-core';
import { EventFactory, HOUR } from '../support/fixtures';
import { openBrowser, signInAsAdmin } from '../support/browser';
import { RapportHarness } from '../support/rapport-harness';

/** The dashboard in a real Chromium: sign in, see the portfolio, watch a card change live. */
describe('dashboard', () => {
  let rapport: RapportHarness;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let contractId: string;
  let events: EventFactory;

  const defaultTtl = process.env.ACCESS_TOKEN_TTL;

  beforeAll(async () => {
    // Access tokens short enough to expire during the test: the page must renew them unnoticed.
    process.env.ACCESS_TOKEN_TTL = '5s';
    rapport = await RapportHarness.start();
    const token = await rapport.adminToken();
    ({ contractId } = await rapport.createContract(token, 'Contoso Cloud', { name: 'Landing zone', serviceType: 'cloud' }));
    events = new EventFactory(contractId);
    browser = await openBrowser();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await rapport?.stop();
    if (defaultTtl === undefined) delete process.env.ACCESS_TOKEN_TTL;
    else process.env.ACCESS_TOKEN_TTL = defaultTtl;
  });

  const card = () => page.locator(`.scorecard-card[data-contract-id="${contractId}"]`);
  const rating = (id: string, csat: number) => events.event('feedback.submitted', Date.now() - HOUR, { feedbackId: id, csat });

  it('signs in and redraws a card when its scorecard changes, without a reload', async () => {
    await signInAsAdmin(page, rapport.baseUrl);
    await expect(card().locator('[data-testid="score"]').textContent()).resolves.toBe('—');

    // Three ratings of 5: CSAT 3/3 = 1.0 → measure 100; satisfaction is the only dimension → score 100.0.
    const marker = await page.evaluate(() => ((window as unknown as { marker: number }).marker = Math.random()));
    await rapport.ingest([rating('F1', 5), rating('F2', 5), rating('F3', 5)]);
    await page.waitForFunction(
      (id) => document.querySelector(`.scorecard-card[data-contract-id="${id}"] [data-testid="score"]`)?.textContent === '100.0',
      contractId,
    );

    // One rating of 2: CSAT 3/4 = 0.75 → (0.75 − 0.60) / (0.90 − 0.60) = 50.0, band "at risk".
    await rapport.ingest([rating('F4', 2)]);
    await page.waitForFunction(
      (id) => document.querySelector(`.scorecard-card[data-contract-id="${id}"] [data-testid="score"]`)?.textContent === '50.0',
      contractId,
    );
    await expect(card().getAttribute('data-band')).resolves.toBe('at_risk');
    expect(Number(await page.getAttribute('body', 'data-updates'))).toBeGreaterThanOrEqual(2);
    // Same document: the page was redrawn, not reloaded.
    await expect(page.evaluate(() => (window as unknown as { marker: number }).marker)).resolves.toBe(marker);
    await page.screenshot({ path: 'dist/dashboard-e2e.png' });
  });

  it('renews an expired access token without signing the user out', async () => {
    await page.waitForTimeout(6000); // past the 5 s access-token lifetime
    // One more rating of 5: CSAT 4/5 = 0.8 → (0.8 − 0.6) / 0.3 = 66.7 — pushed over a re-authenticated socket.
    await rapport.ingest([rating('F5', 5)]);
    await page.waitForFunction(
      (id) => document.querySelector(`.scorecard-card[data-contract-id="${id}"] [data-testid="score"]`)?.textContent === '66.7',
      contractId,
    );
    await page.click('#refresh'); // REST with the expired token: renewed, not signed out
    await page.waitForSelector('body[data-view="dashboard"]');
    await page.waitForSelector(`.scorecard-card[data-contract-id="${contractId}"]`);
    await expect(page.getAttribute('body', 'data-view')).resolves.toBe('dashboard');
  });

  it('refuses a wrong password with a message', async () => {
    const fresh = await browser.context.newPage();
    await fresh.goto(rapport.baseUrl);
    await fresh.evaluate(() => sessionStorage.clear());
    await fresh.reload();
    await fresh.fill('#login-email', process.env.ADMIN_EMAIL!);
    await fresh.fill('#login-password', 'not-the-password');
    await fresh.click('#login-submit');
    await fresh.waitForSelector('#login-error:not([hidden])');
    await expect(fresh.textContent('#login-error')).resolves.toMatch(/password/i);
    await fresh.close();
  });
});
