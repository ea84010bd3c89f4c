// End-to-end: the operator UI served by `plantbridge serve`, driven in real Chromium.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { JournalEntry } from '../../src-main/contract/index.js';
import { openUi, skipReason, type UiSession } from './helpers/ui-session.js';

const reason = skipReason();
if (reason) console.log(`# skipping UI end-to-end tests: ${reason}`);

const FLOW = 'demo-site/utilities/pump-101/flow';

/** Polls from Node (the page's CSP forbids the string evaluation that page.waitForFunction polling uses). */
async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
}

describe('operator UI against the real backend', { skip: reason ?? false, timeout: 170_000 }, () => {
  let ui: UiSession;

  before(async () => {
    ui = await openUi();
  });

  after(async () => {
    await ui?.close();
  });

  it('shows live values on the Overview that change over time', async () => {
    const { page } = ui;
    await page.goto(`${ui.url}#/overview`);
    const values = page.locator('[data-testid^="tag-value-"]');
    await values.first().waitFor({ timeout: 20_000 });
    // Wait for the first live values (readouts start as "—" until the snapshot or a sample arrives).
    await waitUntil(async () => (await values.allTextContents()).some((t) => /\d/.test(t)), 20_000, 'live values appear');
    const first = await values.allTextContents();
    await waitUntil(async () => (await values.allTextContents()).some((t, i) => t !== first[i] && /\d/.test(t)), 20_000, 'a live value changes');
    assert.equal(await page.locator('[data-testid="link-down"]').count(), 0, 'the UI is connected');
    assert.deepEqual(ui.pageErrors, []);
  });

  it('draws a trend after picking a tag', async () => {
    const { page } = ui;
    await page.goto(`${ui.url}#/trends`);
    await page.getByTestId('tag-search').fill('pump-101 flow');
    const option = page.locator(`[data-testid="tag-option-${FLOW}"]`);
    const target = (await option.count()) > 0 ? option : page.locator('[data-testid^="tag-option-"]').first();
    await target.locator('input[type="checkbox"]').check();
    // A drawn line is an SVG path with at least a few segments.
    const curves = page.locator('[data-testid="trend-chart"] path.recharts-curve');
    await waitUntil(
      async () => {
        for (const curve of await curves.all()) if (((await curve.getAttribute('d')) ?? '').split('L').length > 3) return true;
        return false;
      },
      30_000,
      'the trend line is drawn',
    );
    assert.ok(await page.locator('[data-testid="trend-chart"] svg').count() >= 1);
    assert.deepEqual(ui.pageErrors, []);
  });

  it('acknowledges an alarm with a comment and records it in the journal', async () => {
    // Needs the simulator to raise an alarm within a minute (its signals cross their limits periodically).
    const { page } = ui;
    await page.goto(`${ui.url}#/alarms`);
    const row = page.locator('[data-testid^="alarm-row-"][data-acknowledged="false"]').first();
    await row.waitFor({ timeout: 60_000 });
    const testId = (await row.getAttribute('data-testid')) ?? '';
    const alarmId = testId.replace(/^alarm-row-/, '');
    const comment = `e2e check ${Date.now()}`;
    await row.getByTestId('ack-button').click();
    await page.getByTestId('ack-comment').fill(comment);
    await page.getByTestId('ack-confirm').click();
    await page.getByTestId('ack-dialog').waitFor({ state: 'detached', timeout: 10_000 });
    // Acknowledged: either still active and marked acknowledged, or returned and gone from the list.
    const sameRow = page.locator(`[data-testid="${testId.replace(/["\\]/g, '\\$&')}"]`);
    await waitUntil(async () => (await sameRow.count()) === 0 || (await sameRow.getAttribute('data-acknowledged')) === 'true', 10_000, 'the alarm shows as acknowledged');
    const journal = (await (await fetch(new URL('/api/alarms/journal?limit=1000', ui.url))).json()) as JournalEntry[];
    const entry = journal.find((e) => e.alarmId === alarmId && e.event === 'acknowledged');
    assert.ok(entry, `journal has an "acknowledged" entry for ${alarmId}`);
    assert.equal(entry.comment, comment);
    assert.deepEqual(ui.pageErrors, []);
  });
});
