// End-to-end: the store-and-forward drill on the Connections page, against the real backend with its embedded
// MQTT broker: cut the uplink, see messages buffered, restore it, and get the delivery confirmation.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HealthDto } from '../../src-main/contract/index.js';
import { E2E_PROJECT, openUi, skipReason, waitUntil, type UiSession } from './helpers/ui-session.js';

const reason = skipReason();
if (reason) console.log(`# skipping UI end-to-end tests: ${reason}`);

describe('store-and-forward drill in the operator UI', { skip: reason ?? false, timeout: 170_000 }, () => {
  let ui: UiSession;

  before(async () => {
    // The embedded broker on a free port (later flags win over the fixture's `--mqtt-url none`).
    ui = await openUi(undefined, { project: E2E_PROJECT, extraArgs: ['--mqtt-url', 'embedded', '--mqtt-port', '0'] });
  });

  after(async () => {
    await ui?.close();
  });

  it('cuts the uplink, buffers, restores, and confirms every buffered message was delivered', async () => {
    const { page } = ui;
    await page.goto(`${ui.url}#/connections`);
    // The first uplink with an outbox, once connected to the embedded broker.
    const depth = page.locator('[data-testid^="outbox-depth-"]').first();
    await depth.waitFor({ timeout: 30_000 });
    const id = ((await depth.getAttribute('data-testid')) ?? '').replace(/^outbox-depth-/, '');
    assert.ok(id, 'an uplink with a durable outbox is shown');
    const card = page.getByTestId(`uplink-card-${id}`);
    await waitUntil(async () => (await card.getAttribute('data-state')) === 'connected', 30_000, `uplink ${id} is connected`);

    // Step 1: cut, after the confirmation.
    await page.getByTestId(`drill-cut-${id}`).click();
    await page.getByTestId('drill-cut-confirm').click();
    await waitUntil(async () => (await card.getAttribute('data-state')) === 'cut', 15_000, 'the uplink shows as cut');
    // The outage is visible in the top bar on every page.
    await page.getByTestId(`uplink-chip-${id}`).waitFor({ timeout: 10_000 });

    // Step 2: the simulator keeps changing values, so the outbox fills.
    await waitUntil(async () => Number((await depth.getAttribute('data-depth')) ?? '0') > 0, 30_000, 'messages are buffered');

    // Step 3: restore.
    await page.getByTestId(`drill-restore-${id}`).click();

    // Step 4: the confirmation, computed from the counters.
    const result = page.getByTestId(`drill-result-${id}`);
    await result.waitFor({ timeout: 15_000 });
    await waitUntil(async () => (await result.getAttribute('data-confirmed')) === 'true', 60_000, 'every buffered message is confirmed delivered');
    const text = (await result.textContent()) ?? '';
    const m = /All ([\d,]+) buffered messages delivered/.exec(text);
    assert.ok(m, `confirmation text: ${text}`);
    assert.ok(Number(m[1]!.replace(/,/g, '')) > 0, 'something was buffered during the cut');

    // The backend agrees: the uplink is connected and has dropped nothing.
    const health = (await (await fetch(new URL('/api/health', ui.url))).json()) as HealthDto;
    const uplink = health.uplinks.find((u) => u.id === id);
    assert.equal(uplink?.outbox?.dropped, 0);
    assert.notEqual(uplink?.state, 'cut');
    assert.deepEqual(ui.pageErrors, []);
  });
});
