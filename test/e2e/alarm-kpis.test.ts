// End-to-end: the Alarm KPIs page, the journal's CSV export and the alarm bands on trends, in real Chromium
// against `plantbridge serve` (the e2e project sets pump-101 flow H = 60, so that alarm activates at start).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { AlarmKpisDto } from '../../src-main/contract/index.js';
import { openUi, skipReason, waitUntil, type UiSession } from './helpers/ui-session.js';

const reason = skipReason();
if (reason) console.log(`# skipping alarm KPI end-to-end tests: ${reason}`);

const FLOW = 'demo-site/utilities/pump-101/flow';
const FLOW_ALARM = `${FLOW}#H`;

describe('alarm KPIs and journal export in the browser', { skip: reason ?? false, timeout: 170_000 }, () => {
  let ui: UiSession;

  before(async () => {
    ui = await openUi();
    // The standing flow alarm is journaled once the simulator's first values arrive.
    await waitUntil(async () => {
      const res = await fetch(new URL(`/api/alarms/journal?alarm=${encodeURIComponent(FLOW_ALARM)}&event=activated`, ui.url));
      return res.ok && ((await res.json()) as unknown[]).length > 0;
    }, 60_000, 'the flow alarm is in the journal');
  });

  after(async () => {
    await ui?.close();
  });

  it('shows the KPI figures against their targets and the most frequent alarm', async () => {
    const { page } = ui;
    await page.goto(`${ui.url}#/alarm-kpis`);
    await page.getByTestId('nav-alarm-kpis').waitFor();
    const average = page.getByTestId('kpi-average');
    await average.waitFor({ timeout: 20_000 });
    assert.match((await average.textContent()) ?? '', /Target: ≈ 1 per operator per 10 min/);
    assert.ok(['ok', 'warning', 'over'].includes((await average.getAttribute('data-status')) ?? ''));
    const top = page.getByTestId('kpi-top');
    await waitUntil(async () => ((await top.textContent()) ?? '').includes(FLOW_ALARM), 10_000, 'the flow alarm is in the top 10');
    // The page shows what the API computes.
    const now = Date.now();
    const api = (await (await fetch(new URL(`/api/alarms/kpis?from=${now - 86_400_000}&to=${now}`, ui.url))).json()) as AlarmKpisDto;
    assert.ok(api.totalActivations >= 1);
    assert.ok(api.topAlarms.some((a) => a.alarmId === FLOW_ALARM));
    await page.getByTestId('kpi-range-7d').click();
    await page.getByTestId('kpi-range-7d').and(page.locator('.selected')).waitFor();
    assert.deepEqual(ui.pageErrors, []);
  });

  it('searches the journal and downloads the search as CSV', async () => {
    const { page } = ui;
    await page.goto(`${ui.url}#/alarms`);
    await page.getByTestId('tab-journal').click();
    await page.getByTestId('journal-filter-alarm').fill(FLOW_ALARM);
    await page.getByTestId('journal-filter-event').selectOption('activated');
    await page.getByTestId('journal-search').click();
    await waitUntil(async () => /^[1-9]\d* entries/.test((await page.getByTestId('journal-count').textContent()) ?? ''), 10_000, 'the search finds the activation');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.getByTestId('journal-export-csv').click()]);
    assert.match(download.suggestedFilename(), /^alarm-journal_\d{4}-\d{2}-\d{2}T\d{4}Z_\d{4}-\d{2}-\d{2}T\d{4}Z\.csv$/);
    const path = await download.path();
    const lines = (await readFile(path, 'utf8')).split('\r\n');
    assert.equal(lines[0], 'time,alarm,tag,event,state,value,user,comment');
    const rows = lines.slice(1).filter((l) => l.length > 0);
    assert.ok(rows.length >= 1);
    assert.ok(rows.every((r) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z,/.test(r) && r.includes(`,${FLOW_ALARM},${FLOW},activated,`)), rows.join('\n'));
    assert.deepEqual(ui.pageErrors, []);
  });

  it('serves the export over plain HTTP as a text/csv attachment', async () => {
    const res = await fetch(new URL('/api/alarms/journal?format=csv', ui.url));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="alarm-journal_start_.+\.csv"$/);
  });

  it('shades the active flow alarm on its trend and lists it in the legend', async () => {
    const { page } = ui;
    await page.goto(`${ui.url}#/trends?tag=${encodeURIComponent(FLOW)}`);
    const legend = page.getByTestId('legend-alarms');
    await legend.waitFor({ timeout: 20_000 });
    await waitUntil(async () => Number(await legend.getAttribute('data-bands')) >= 1, 20_000, 'an alarm band is in view');
    await waitUntil(async () => (await page.locator('[data-testid="trend-chart"] .trend-alarm-band, [data-testid="trend-chart"] .recharts-reference-area').count()) >= 1, 10_000, 'the band is drawn');
    assert.deepEqual(ui.pageErrors, []);
  });
});
