// Shared set-up of the UI end-to-end tests: Debian Chromium through playwright-core, and the backend under test.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServe, type ServeOptions } from '../../fixtures/serve-process.js';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the UI tests cannot run here, or null when they can. */
export function skipReason(): string | null {
  return existsSync(chromiumPath) ? null : `Chromium not found at ${chromiumPath} (set CHROMIUM_PATH)`;
}

/** The demo plant, with one alarm limit set where the pump always runs (flow ≈ 100 m³/h), so an alarm stands. */
export const E2E_PROJECT = {
  tagSettings: {
    'demo-site/utilities/pump-101/flow': { alarms: { H: 60, deadband: 1, priority: 2 } },
  },
};

export interface UiSession {
  url: string;
  page: Page;
  /** Console errors and uncaught exceptions seen in the page. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Starts `plantbridge serve` and a browser on its UI. For debugging the tests against another server
 * (e.g. the development fake), set PLANTBRIDGE_E2E_URL; the committed tests always use the real backend.
 */
export async function openUi(viewport = { width: 1600, height: 1000 }, serveOptions: ServeOptions = { project: E2E_PROJECT }): Promise<UiSession> {
  const external = process.env.PLANTBRIDGE_E2E_URL;
  const serve = external ? null : await startServe(serveOptions);
  const url = external ?? serve!.url;
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    const b = browser;
    return {
      url,
      page,
      pageErrors,
      close: async () => {
        await b.close();
        await serve?.stop();
      },
    };
  } catch (err) {
    await browser?.close();
    await serve?.stop();
    throw err;
  }
}

/** Polls from Node (the page's CSP forbids the string evaluation that page.waitForFunction polling uses). */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
}
