import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32, gaussian } from '../../../../src-main/adapters/simulator/model/prng.js';
import { createChannelTracker, type ChannelSettings } from '../../../../src-main/domain/maintenance/channel-tracker.js';
import { defaultMaintenanceSettings, settingsParts } from '../../../../src-main/services/maintenance/maintenance-settings.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2025, 0, 6);
const settings: ChannelSettings = settingsParts(defaultMaintenanceSettings).channelRules.channel;

/** 10-second samples: noise σ around 50, plus `shape(hoursSinceChange)` after the change point. */
function feed(seed: number, hours: number, change: number | null, shape: (h: number) => number, noise = 1) {
  const rnd = mulberry32(seed);
  const tracker = createChannelTracker(settings);
  let firstDrift: { ts: number; dir: string } | null = null;
  let firstNoisy: number | null = null;
  for (let ts = T0; ts < T0 + hours * HOUR; ts += 10_000) {
    const h = change === null || ts < change ? null : (ts - change) / HOUR;
    const sigma = h === null ? noise : noise * (1 + shape(h) * 0); // level shape only here
    tracker.add(ts, 50 + (h === null ? 0 : shape(h)) + sigma * gaussian(rnd));
    const s = tracker.snapshot();
    if (!firstDrift && s.drift) firstDrift = { ts, dir: s.drift };
    if (firstNoisy === null && s.noiseRatio >= 1.8) firstNoisy = ts;
  }
  return { tracker, firstDrift, firstNoisy };
}

describe('channel tracker: drift, noise and stuck detection on synthetic signals', () => {
  it('detects an upward ramp after its change point and not before', () => {
    const change = T0 + 6 * HOUR;
    const { firstDrift, tracker } = feed(1, 12, change, (h) => 1.5 * h);
    assert.ok(firstDrift, 'no drift detected');
    assert.equal(firstDrift.dir, 'up');
    assert.ok(firstDrift.ts > change, 'detected before the change point');
    assert.ok(firstDrift.ts < change + 2 * HOUR, `detected late: ${(firstDrift.ts - change) / MIN} min`);
    const s = tracker.snapshot();
    assert.ok(s.changePointTs !== null && Math.abs(s.changePointTs - change) < HOUR, 'change point near the truth');
    const trend = tracker.trend('up');
    assert.ok(trend && Math.abs(trend.windowSlopePerHour - 1.5) < 0.3, `slope ${trend?.windowSlopePerHour}`);
  });

  it('detects a downward step and reports it as down', () => {
    const change = T0 + 5 * HOUR;
    const { firstDrift } = feed(2, 8, change, () => -4);
    assert.ok(firstDrift && firstDrift.dir === 'down' && firstDrift.ts > change);
  });

  it('stays quiet on seven days of pure noise (fixed seeds)', () => {
    for (const seed of [3, 4, 5]) {
      const { firstDrift, firstNoisy } = feed(seed, 7 * 24, null, () => 0);
      assert.equal(firstDrift, null, `seed ${seed}: false drift at ${firstDrift && (firstDrift.ts - T0) / HOUR} h`);
      assert.equal(firstNoisy, null, `seed ${seed}: false noise increase`);
    }
  });

  it('sees a variance increase after the change point and not before', () => {
    const rnd = mulberry32(9);
    const tracker = createChannelTracker(settings);
    const change = T0 + 6 * HOUR;
    let first: number | null = null;
    for (let ts = T0; ts < T0 + 12 * HOUR; ts += 10_000) {
      tracker.add(ts, 50 + (ts < change ? 1 : 3) * gaussian(rnd));
      if (first === null && tracker.snapshot().noiseRatio >= 1.8) first = ts;
    }
    assert.ok(first !== null && first > change && first < change + 2 * HOUR, `noisy at ${first && (first - change) / MIN} min`);
  });

  it('reports when a live signal last changed, so a frozen value is visible', () => {
    const rnd = mulberry32(11);
    const tracker = createChannelTracker(settings);
    const freeze = T0 + 5 * HOUR;
    for (let ts = T0; ts < T0 + 6 * HOUR; ts += 10_000) tracker.add(ts, ts < freeze ? 50 + gaussian(rnd) : 49.5);
    const s = tracker.snapshot();
    assert.ok(s.liveFraction > 0.95);
    assert.ok(s.lastChangeTs !== null && s.lastChangeTs >= freeze && s.lastChangeTs < freeze + 10_001);
    assert.equal(s.lastValue, 49.5);
  });

  it('keeps memory bounded over a long feed', () => {
    const { tracker } = feed(12, 10 * 24, null, () => 0);
    assert.ok(tracker.heldPoints() <= settings.windowPoints, `${tracker.heldPoints()} points held`);
  });
});
