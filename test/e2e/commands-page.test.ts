// End-to-end: the Commands page shows a write made through the HTTP API, here one refused by the command gate.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CommandLogEntry, WriteResult } from '../../src-main/contract/index.js';
import { openUi, skipReason, waitUntil, type UiSession } from './helpers/ui-session.js';

const reason = skipReason();
if (reason) console.log(`# skipping UI end-to-end tests: ${reason}`);

/** A measured value: read-only, so the command gate refuses any write to it. */
const READ_ONLY = 'demo-site/utilities/pump-101/flow';

describe('Commands page against the real backend', { skip: reason ?? false, timeout: 120_000 }, () => {
  let ui: UiSession;

  before(async () => {
    ui = await openUi();
  });

  after(async () => {
    await ui?.close();
  });

  it('lists a refused write made via POST /api/tags/write, marked as refused', async () => {
    const res = await fetch(new URL('/api/tags/write', ui.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tag: READ_ONLY, value: 5 }),
    });
    const body = (await res.json()) as WriteResult | { error: unknown };
    assert.ok(res.ok, `write answered HTTP ${res.status}: ${JSON.stringify(body)}`);
    assert.ok('status' in body && !body.status.startsWith('Good'), `the write is refused: ${JSON.stringify(body)}`);

    const log = (await (await fetch(new URL('/api/commands?limit=50', ui.url))).json()) as CommandLogEntry[];
    const entry = log.find((e) => e.tag === READ_ONLY && e.status === body.status);
    assert.ok(entry, 'the refusal is in the command audit');

    const { page } = ui;
    await page.goto(`${ui.url}#/commands`);
    const row = page.getByTestId(`command-row-${entry.id}`);
    await row.waitFor({ timeout: 20_000 });
    assert.equal(await row.getAttribute('data-outcome'), 'refused');
    const text = (await row.textContent()) ?? '';
    assert.match(text, /Refused/i);
    assert.ok(text.includes(READ_ONLY), 'the row names the tag');
    assert.ok(text.includes(body.status), 'the row shows the status');

    // The filter narrows the log to that tag and keeps the row.
    await page.getByTestId('command-filter').fill('pump-101/flow');
    await page.getByTestId('command-outcome-refused').click();
    await waitUntil(async () => (await page.locator('[data-testid^="command-row-"]').count()) >= 1 && (await row.isVisible()), 10_000, 'the filtered log shows the refused write');
    for (const other of await page.locator('[data-testid^="command-row-"]').all()) {
      assert.equal(await other.getAttribute('data-outcome'), 'refused');
    }

    // The remote-commands section answers (no "not available" message).
    await page.getByTestId('remote-project-switch').waitFor({ timeout: 10_000 });
    assert.deepEqual(ui.pageErrors, []);
  });
});
