// End-to-end: the Connections page shows a generic uplink card (state, counters, last error) and its
// "Test connection" button reports success against the real backend's embedded MQTT broker.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { E2E_PROJECT, openUi, skipReason, waitUntil, type UiSession } from './helpers/ui-session.js';

const reason = skipReason();
if (reason) console.log(`# skipping UI end-to-end tests: ${reason}`);

describe('uplink card on the Connections page', { skip: reason ?? false, timeout: 120_000 }, () => {
  let ui: UiSession;

  before(async () => {
    ui = await openUi(undefined, { project: E2E_PROJECT, extraArgs: ['--mqtt-url', 'embedded', '--mqtt-port', '0'] });
  });

  after(async () => {
    await ui?.close();
  });

  it('shows the counters of the MQTT uplink and a successful connection test', async () => {
    const { page } = ui;
    await page.goto(`${ui.url}#/connections`);
    const card = page.getByTestId('uplink-card-mqtt-json');
    await card.waitFor({ timeout: 30_000 });
    await waitUntil(async () => (await card.getAttribute('data-state')) === 'connected', 30_000, 'the uplink is connected');
    const acknowledged = page.getByTestId('uplink-acknowledged-mqtt-json');
    await waitUntil(async () => Number(await acknowledged.getAttribute('data-value')) > 0, 30_000, 'messages are acknowledged');
    assert.ok(await page.getByTestId('uplink-queued-mqtt-json').isVisible());
    assert.equal(await page.getByTestId('uplink-dropped-mqtt-json').getAttribute('data-value'), '0');
    assert.equal(await page.getByTestId('uplink-retried-mqtt-json').count(), 0, 'MQTT does not count retries');
    assert.equal((await page.getByTestId('uplink-error-mqtt-json').textContent())?.trim(), 'none');

    await page.getByTestId('uplink-test-mqtt-json').click();
    const result = page.getByTestId('uplink-test-result-mqtt-json');
    await result.waitFor({ timeout: 15_000 });
    assert.equal(await result.getAttribute('data-ok'), 'true');
    assert.match((await result.textContent()) ?? '', /^Connection OK: connected to broker 127\.0\.0\.1:\d+/);
    assert.deepEqual(ui.pageErrors, []);
  });
});
