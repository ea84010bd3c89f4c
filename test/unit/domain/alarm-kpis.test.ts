import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeAlarmKpis, type AlarmKpiInput } from '../../../src-main/domain/alarm-kpis.js';
import { NOW, PUMP_VIBRATION, SHIFT_END, SHIFT_START, TANK_HIGH, UPLINK_DOWN, shiftAlarms, shiftJournal } from '../../fixtures/alarm-sequence.js';

const C = 'demo-site/process/compressor-301';
const MIN = 60_000;

function kpis(over: Partial<AlarmKpiInput> = {}) {
  return computeAlarmKpis({
    from: SHIFT_START,
    to: SHIFT_END,
    now: NOW,
    operators: 1,
    includeSystem: true,
    entries: shiftJournal(),
    alarms: shiftAlarms(),
    tuning: (_id, tag) => (tag === 'demo-site/utilities/tank-201/level' ? { deadband: 0.5, unit: '%', span: 100, limit: 80 } : undefined),
    ...over,
  });
}

describe('ISA-18.2 alarm KPIs on a recorded 8-hour shift', () => {
  it('counts only activations inside the range as annunciated alarms', () => {
    // 4 pump vibration + 2 uplink (system) + 14 flood + 8 tank level; acknowledgements and returns do not count.
    assert.equal(kpis().totalActivations, 28);
    assert.equal(kpis({ includeSystem: false }).totalActivations, 26);
  });

  it('gives the average rate per operator per 10 minutes against the ISA-18.2 target', () => {
    const k = kpis();
    // 28 alarms over 48 ten-minute periods.
    assert.deepEqual(k.averageRate, { value: 0.58, target: '≈ 1 per operator per 10 min very likely acceptable, ≤ 2 maximum manageable', status: 'ok' });
    assert.equal(kpis({ operators: 2 }).averageRate.value, 0.29);
    assert.equal(kpis({ operators: 2 }).operators, 2);
  });

  it('finds the peak 10-minute window at the compressor trip', () => {
    const k = kpis();
    assert.equal(k.peakRate.count, 14);
    assert.equal(k.peakRate.value, 14);
    assert.equal(k.peakRate.status, 'over');
    assert.equal(k.peakRate.windowStart, SHIFT_START + 120 * MIN);
    assert.equal(k.peakRate.windowEnd, SHIFT_START + 130 * MIN);
    assert.equal(kpis({ operators: 2 }).peakRate.value, 7);
    assert.equal(kpis({ operators: 2 }).peakRate.status, 'ok');
  });

  it('reports the flood with its start, end, count and main alarms, and the share of time in flood', () => {
    const k = kpis();
    // Windows starting at the first four activations (08:00:00 … 08:01:00) each hold ≥ 11: merged 08:00 → 08:11.
    assert.deepEqual(k.floods, [
      { start: SHIFT_START + 120 * MIN, end: SHIFT_START + 131 * MIN, count: 14, topAlarms: [`${C}/current#H`, `${C}/discharge-temp#H`, `${C}/vibration#H`] },
    ]);
    assert.deepEqual(k.floodTime, { value: 2.29, target: '< 1 % of the time in flood', status: 'over' }); // 11 of 480 min
    assert.deepEqual(k.floodPeriods, { value: 2.08, target: '< 1 % of 10-minute periods with more than 10 alarms', status: 'over' }); // 1 of 48
  });

  it('lists the ten most frequent alarms with their share', () => {
    const k = kpis();
    assert.deepEqual(
      k.topAlarms.map((a) => [a.alarmId, a.count, a.share]),
      [
        [TANK_HIGH, 8, 28.6],
        [PUMP_VIBRATION, 4, 14.3],
        [`${C}/current#H`, 3, 10.7],
        [`${C}/discharge-temp#H`, 2, 7.1],
        [`${C}/vibration#H`, 2, 7.1],
        [UPLINK_DOWN, 2, 7.1],
        [`${C}/bearing-temp#H`, 1, 3.6],
        [`${C}/discharge-temp#HH`, 1, 3.6],
        [`${C}/flow#L`, 1, 3.6],
        [`${C}/motor-temp#H`, 1, 3.6],
      ],
    );
    assert.deepEqual(k.topTenShare, { value: 89.3, target: '≈ 1 % to 5 % at most of all alarms from the 10 most frequent (large systems)', status: 'over' });
  });

  it('finds the chattering tank alarm, counts its episodes and says what to do with numbers', () => {
    const k = kpis();
    assert.equal(k.chatteringCount.value, 1);
    assert.equal(k.chatteringCount.status, 'over');
    assert.equal(k.chattering.length, 1);
    const c = k.chattering[0];
    assert.ok(c);
    assert.equal(c.alarmId, TANK_HIGH);
    assert.equal(c.episodes, 2);
    assert.equal(c.activations, 7);
    assert.equal(c.shortestGapMs, 12_000);
    assert.equal(c.typicalActiveMs, 3_000);
    assert.equal(
      c.suggestion,
      'Chattered in 2 bursts (7 activations, as little as 12 s apart, typically active 3 s). Shelve it for now ' +
        '(for example for one shift, reason "chattering"), then raise the deadband from 0.5 % to 1 % and/or add an on-delay of 5 s.',
    );
  });

  it('lists alarms active for more than 24 hours, and leaves system alarms out when asked', () => {
    const k = kpis();
    assert.deepEqual(
      k.stale.map((s) => [s.alarmId, s.activeForMs / 3_600_000]),
      [
        ['demo-site/utilities/cooling-tower-401/basin-level#L', 38],
        ['plantbridge/system/disk/nearly-full#SYS', 34],
      ],
    );
    assert.deepEqual(k.staleCount, { value: 2, target: '< 5 alarms active for more than 24 h', status: 'warning' });
    const noSystem = kpis({ includeSystem: false });
    assert.deepEqual(noSystem.stale.map((s) => s.alarmId), ['demo-site/utilities/cooling-tower-401/basin-level#L']);
    assert.equal(noSystem.topAlarms.some((a) => a.alarmId === UPLINK_DOWN), false);
  });

  it('meets every target on a quiet range', () => {
    const k = kpis({ from: SHIFT_START + 6 * 60 * MIN + 1, to: SHIFT_END - 1, alarms: [] });
    // 06:30 uplink down (system) and 07:00 pump vibration: 2 alarms over ≈ 12 periods.
    assert.equal(k.totalActivations, 2);
    assert.equal(k.averageRate.status, 'ok');
    assert.equal(k.peakRate.status, 'ok');
    assert.deepEqual(k.floods, []);
    assert.equal(k.floodTime.value, 0);
    assert.deepEqual(k.chattering, []);
    assert.equal(k.chatteringCount.status, 'ok');
    assert.equal(k.staleCount.status, 'ok');
  });

  it('gives empty figures, not errors, for a range without alarms', () => {
    const k = kpis({ entries: [], alarms: [] });
    assert.equal(k.totalActivations, 0);
    assert.equal(k.averageRate.value, 0);
    assert.equal(k.peakRate.windowStart, null);
    assert.equal(k.topTenShare.value, 0);
    assert.deepEqual(k.topAlarms, []);
  });
});
