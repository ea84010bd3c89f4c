import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, formatNumber, formatRelative, formatTick, formatValue, formatWithUnit, qualityLabel } from '../../../src-renderer/lib/format.js';
import { fromLocalInput, pointsForWidth, presetRange, toLocalInput, zoomRange } from '../../../src-renderer/lib/time-range.js';
import { nextBackoffMs } from '../../../src-renderer/lib/backoff.js';

describe('value formatting for readouts', () => {
  it('chooses decimals by magnitude (or by the EURange span when given)', () => {
    assert.equal(formatNumber(1234.56), '1235');
    assert.equal(formatNumber(123.456), '123.5');
    assert.equal(formatNumber(5.678), '5.68');
    assert.equal(formatNumber(0.01234), '0.012');
    assert.equal(formatNumber(5.678, 200), '5.7');
  });

  it('never shows a negative zero and uses a true minus sign', () => {
    assert.equal(formatNumber(-0.001, 100), '0.0');
    assert.equal(formatNumber(-12.34), '−12.3');
  });

  it('formats booleans, strings, missing values and units', () => {
    assert.equal(formatValue(true), 'ON');
    assert.equal(formatValue(false), 'OFF');
    assert.equal(formatValue('AUTO'), 'AUTO');
    assert.equal(formatValue(null), '—');
    assert.equal(formatValue(undefined), '—');
    assert.equal(formatWithUnit(12.34, 'bar'), '12.3 bar');
    assert.equal(formatWithUnit(true, 'bar'), 'ON');
  });

  it('labels every quality that must not be read as live', () => {
    assert.equal(qualityLabel('good'), null);
    assert.equal(qualityLabel('stale'), 'stale');
    assert.equal(qualityLabel('bad'), 'bad');
    assert.equal(qualityLabel('uncertain'), 'uncertain');
  });

  it('formats durations and relative times in operator words', () => {
    assert.equal(formatDuration(45_000), '45 s');
    assert.equal(formatDuration(12 * 60_000), '12 min');
    assert.equal(formatDuration(200 * 60_000), '3 h 20 min');
    assert.equal(formatDuration(52 * 3_600_000), '2 d 4 h');
    assert.equal(formatRelative(1000 + 5 * 60_000, 1000), 'in 5 min');
    assert.equal(formatRelative(1000, 1000 + 90_000), '1 min ago');
  });

  it('formats axis ticks in their shortest exact form', () => {
    assert.equal(formatTick(12), '12');
    assert.equal(formatTick(0.1 + 0.2), '0.3');
    assert.equal(formatTick(-2.5), '−2.5');
  });
});

describe('trend time ranges', () => {
  it('builds preset ranges ending now', () => {
    assert.deepEqual(presetRange('1h', 10_000_000), { from: 10_000_000 - 3_600_000, to: 10_000_000 });
  });

  it('asks for about one point per pixel, never more than 2,000', () => {
    assert.equal(pointsForWidth(1234), 1234);
    assert.equal(pointsForWidth(5000), 2000);
    assert.equal(pointsForWidth(0), 2);
  });

  it('orders a drag selection and ignores selections under a second', () => {
    assert.deepEqual(zoomRange(5000, 1000), { from: 1000, to: 5000 });
    assert.equal(zoomRange(1000, 1500), null);
  });

  it('round-trips datetime-local text in local time and rejects garbage', () => {
    const ts = new Date(2024, 2, 5, 7, 9).getTime();
    assert.equal(toLocalInput(ts), '2024-03-05T07:09');
    assert.equal(fromLocalInput('2024-03-05T07:09'), ts);
    assert.equal(fromLocalInput('yesterday'), null);
  });
});

describe('reconnect back-off', () => {
  it('doubles from 0.5 s up to a 10 s ceiling with bounded jitter', () => {
    assert.equal(nextBackoffMs(0, () => 0), 500);
    assert.equal(nextBackoffMs(3, () => 0), 4000);
    assert.equal(nextBackoffMs(30, () => 0), 10_000);
    assert.equal(nextBackoffMs(30, () => 1), 12_000);
  });
});
