import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Flags for Debian's Chromium in a sandbox with no network but loopback (see ENVIRONMENT.md).
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A real headless Chromium with a fresh profile, closed and removed by `close()`. */
export async function openBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'rapport-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: FLAGS,
    viewport: { width: 1400, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the dashboard's form as the first admin and waits for the live portfolio. */
export async function signInAsAdmin(page: Page, baseUrl: string): Promise<void> {
  await page.goto(baseUrl);
  await page.fill('#login-email', process.env.ADMIN_EMAIL!);
  await page.fill('#login-password', process.env.ADMIN_PASSWORD!);
  await page.click('#login-submit');
  await page.waitForSelector('body[data-view="dashboard"]');
  await page.waitForSelector('#connection-status[data-state="live"]');
}
