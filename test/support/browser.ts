import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
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

/** Signs in through the dashboard's form and waits for the signed-in app with its live feed. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(baseUrl);
  await page.waitForSelector('#login-email');
  await page.fill('#login-email', email);
  await page.fill('#login-password', password);
  await page.click('#login-submit');
  await waitForShown(page, 'body[data-view="app"]');
  await waitForShown(page, '#connection-status[data-state="live"]');
}

/**
 * Waits for `selector` to appear; when it does not, the error says what the page showed instead
 * (its address, whether it was signed in, the visible text) so a timeout explains itself.
 */
export async function waitForShown(page: Page, selector: string): Promise<void> {
  try {
    await page.waitForSelector(selector);
  } catch (err) {
    const shown = await page
      .evaluate(() => ({ url: location.href, view: document.body.dataset.view ?? '(none)', text: document.body.innerText.slice(0, 1500) }))
      .catch((e: Error) => ({ url: page.url(), view: '(unreadable)', text: e.message }));
    throw new Error(
      `${selector} never appeared (${(err as Error).message.split('\n')[0]}).\nThe page at ${shown.url} (view: ${shown.view}) showed:\n${shown.text}`,
    );
  }
}

/** Signs in as the first admin. */
export function signInAsAdmin(page: Page, baseUrl: string): Promise<void> {
  return signIn(page, baseUrl, process.env.ADMIN_EMAIL!, process.env.ADMIN_PASSWORD!);
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) in the page and returns the serious and critical
 * violations. axe is evaluated through the DevTools protocol, which the page's CSP does not
 * govern, so the page keeps its real policy while it is checked.
 */
export async function axeSerious(page: Page): Promise<AxeFinding[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(o: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
}
