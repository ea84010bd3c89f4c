import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCusumDetector } from '../../../../src-main/domain/maintenance/cusum-detector.js';
import { createRobustBaseline } from '../../../../src-main/domain/maintenance/robust-baseline.js';
import { createSignalTracker } from '../../../../src-main/domain/maintenance/signal-tracker.js';
import { defaultMaintenanceSettings } from '../../../../src-main/services/maintenance-service.js';
import { mulberry32 } from '../../../../src-main/adapters/simulator/model/prng.js';

function noise(seed: number): () => number {
  const rnd = mulberry32(seed);
  return () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

describe('robust baseline', () => {
  it('learns level and noise from the warm-up with median/MAD, unmoved by outliers', () => {
    const g = noise(1);
    const b = createRobustBaseline({ warmupPoints: 100, alpha: 0.01, clipSigmas: 3 });
    for (let i = 0; i < 100; i++) b.add(i % 10 === 0 ? 50 : 2.5 + 0.2 * g());
    const s = b.state();
    assert.ok(s.warmedUp);
    assert.ok(Math.abs(s.level - 2.5) < 0.1, `level ${s.level}`);
    assert.ok(s.sigma > 0.12 && s.sigma < 0.3, `sigma ${s.sigma}`);
    assert.equal(b.heldPoints(), 0, 'the warm-up buffer is released');
  });

  it('follows a developing fault only slowly (clipped residuals)', () => {
    const b = createRobustBaseline({ warmupPoints: 10, alpha: 15_000 / 7_200_000, clipSigmas: 3 });
    for (let i = 0; i < 10; i++) b.add(2.5 + (i % 2) * 0.1);
    for (let i = 0; i < 240; i++) b.add(2.5 + (4.6 * i) / 240); // one hour of rise at 15-s points
    assert.ok(b.state().level < 2.8, `baseline moved to ${b.state().level}`);
  });
});

describe('CUSUM drift detector', () => {
  it('stays quiet on standard noise', () => {
    const g = noise(2);
    const c = createCusumDetector({ k: 0.5, h: 8, cap: 40 });
    let fired = 0;
    for (let i = 0; i < 5760; i++) if (c.add(i, g()).fired) fired++;
    assert.ok(fired < 58, `fired on ${fired} of 5760 noise points`);
  });

  it('fires on a one-sigma rise and dates its start close to the change', () => {
    const g = noise(3);
    const c = createCusumDetector({ k: 0.5, h: 8, cap: 40 });
    for (let i = 0; i < 200; i++) c.add(i, g());
    let firedAt: number | null = null;
    for (let i = 200; i < 300 && firedAt === null; i++) if (c.add(i, 1.5 + g()).fired) firedAt = i;
    assert.ok(firedAt !== null && firedAt < 240, `fired at ${firedAt}`);
    const cp = c.state().changePointTs;
    assert.ok(cp !== null && cp >= 190 && cp <= 215, `change point ${cp}`);
  });
});

describe('signal tracker', () => {
  it('holds a bounded number of points however long it runs', () => {
    const g = noise(4);
    const s = defaultMaintenanceSettings;
    const tracker = createSignalTracker(s);
    for (let ts = 0; ts < 24 * 3_600_000; ts += 1000) tracker.add(ts, 2.5 + 0.25 * g());
    assert.ok(tracker.heldPoints() <= s.windowPoints, `${tracker.heldPoints()} points`);
    const snap = tracker.snapshot(true);
    assert.ok(snap.warmedUp);
    assert.ok(Math.abs(snap.normalLevel - 2.5) < 0.05);
  });

  it('reports the normal level from before the rise while drifting', () => {
    const tracker = createSignalTracker(defaultMaintenanceSettings);
    const g = noise(5);
    const hour = 3_600_000;
    for (let ts = 0; ts < 2 * hour; ts += 1000) tracker.add(ts, 2.5 + 0.25 * g());
    for (let ts = 2 * hour; ts < 2.6 * hour; ts += 1000) tracker.add(ts, 2.5 + 5 * ((ts - 2 * hour) / hour) ** 2 + 0.25 * g());
    const snap = tracker.snapshot(true);
    assert.ok(snap.drifting);
    assert.ok(Math.abs(snap.normalLevel - 2.5) < 0.1, `normal ${snap.normalLevel}`);
    assert.ok(snap.changePointTs !== null && snap.changePointTs > 1.9 * hour);
    assert.ok(snap.trend?.risingConsistently);
    assert.equal(tracker.snapshot(false).trend, null, 'no trend statistics unless asked');
  });
});
