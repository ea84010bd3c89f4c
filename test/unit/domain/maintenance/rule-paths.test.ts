// The tuned rule paths on synthetic signals with known change points: fouling judged at the usual load (a load-cycling
// compressor), early cavitation from broadband noise, and slow bearing wear on the long-memory statistics.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32, gaussian } from '../../../../src-main/adapters/simulator/model/prng.js';
import { createChannelTracker, type ChannelSettings, type ChannelTracker } from '../../../../src-main/domain/maintenance/channel-tracker.js';
import { ReferenceLags } from '../../../../src-main/domain/maintenance/load-compensation.js';
import { assessCavitation } from '../../../../src-main/domain/maintenance/rules/cavitation-rule.js';
import type { ChannelInput } from '../../../../src-main/domain/maintenance/rules/channel-finding.js';
import { assessFouling } from '../../../../src-main/domain/maintenance/rules/fouling-rule.js';
import { defaultRuleThresholds } from '../../../../src-main/domain/maintenance/rules/rule-assessment.js';
import { assessSlowBearing } from '../../../../src-main/domain/maintenance/rules/slow-bearing-rule.js';

const MIN = 60_000;
const H = 60 * MIN;
const T0 = Date.UTC(2025, 0, 6);
const STEP = 5000;
const settings: ChannelSettings = {
  bucketMs: 2 * MIN, warmupPoints: 90, baselineTauMs: 24 * H, clipSigmas: 3, cusumK: 0.5, cusumH: 10, cusumCap: 50,
  windowPoints: 180, minTrendPoints: 45, noiseTauPoints: 15,
};

const input = (tag: string, tracker: ChannelTracker, high: number | null, low: number | null): ChannelInput => ({
  tag, label: tag, unit: '', high, low, tracker,
});

/** Runs `hours` of 5 s samples; `assess` every 5 min; returns the first time it flagged (null: never). */
function firstFlag(hours: number, step: (ts: number) => void, assess: (ts: number) => boolean): number | null {
  for (let ts = T0; ts < T0 + hours * H; ts += STEP) {
    step(ts);
    if ((ts - T0) % (5 * MIN) === 0 && assess(ts)) return ts;
  }
  return null;
}

describe('fouling judged at the usual load', () => {
  // A load/unload compressor: current jumps between 55 and 150 A every minute or two with a wandering duty; the
  // discharge temperature follows it with a 4-minute lag. Fouling adds heat linearly from `onset` (+12 degC at 24 h).
  function compressor(onset: number | null, pressureDipAt: number | null = null) {
    const rand = mulberry32(21);
    const lags = new ReferenceLags();
    const temp = createChannelTracker(settings, lags);
    const current = createChannelTracker(settings);
    const pressure = createChannelTracker(settings);
    let loaded = true;
    let temperature = 80;
    let duty = 0.55;
    const step = (ts: number): void => {
      if ((ts - T0) % (10 * MIN) === 0) duty = Math.min(0.9, Math.max(0.2, duty + 0.08 * gaussian(rand)));
      if ((ts - T0) % MIN === 0) loaded = rand() < duty;
      const fouling = onset !== null && ts > onset ? (12 * (ts - onset)) / (24 * H) : 0;
      const amps = (loaded ? 150 + 4 * fouling / 12 : 55) + 0.8 * gaussian(rand);
      temperature = 30 + 0.45 * amps + fouling + (temperature - 30 - 0.45 * amps - fouling) * Math.exp(-5 / 240);
      lags.update(ts, amps);
      temp.add(ts, temperature + 0.1 * gaussian(rand));
      current.add(ts, amps);
      // A new setpoint a few hundredths of a bar lower is not a leak.
      pressure.add(ts, 7 - (pressureDipAt !== null && ts > pressureDipAt ? 0.07 : 0) + 0.01 * gaussian(rand));
    };
    const assess = (ts: number): boolean =>
      assessFouling('c', { temperature: input('t', temp, 105, null), current: input('i', current, 170, null), pressure: input('p', pressure, 8.5, 5.5) }, defaultRuleThresholds, ts).condition;
    return { step, assess };
  }

  it('stays quiet on a healthy compressor whose duty wanders', () => {
    const c = compressor(null);
    assert.equal(firstFlag(48, c.step, c.assess), null);
  });

  it('flags fouling well before the heat has gone half way to the limit', () => {
    const onset = T0 + 8 * H;
    const c = compressor(onset);
    const at = firstFlag(48, c.step, c.assess);
    assert.ok(at !== null && at > onset, 'flagged after onset');
    assert.ok((at as number) - onset < 12 * H, `flagged ${(((at as number) - onset) / H).toFixed(1)} h after onset`);
  });

  it('is not vetoed by a small pressure dip (a new setpoint), only by a fall towards the low limit', () => {
    const onset = T0 + 8 * H;
    const c = compressor(onset, onset + H);
    const at = firstFlag(48, c.step, c.assess);
    assert.ok(at !== null && (at as number) - onset < 12 * H, 'flagged despite a 0.07 bar dip');
  });
});

describe('early cavitation from broadband noise', () => {
  // A pump at constant speed: flow ~100 with a slow process wander, pressure and vibration. From onset, noise grows in
  // flow, pressure and vibration and flow/pressure fall slowly; `noisySignals` picks which of them get noisier.
  function pump(onset: number | null, noisySignals: readonly string[]) {
    const rand = mulberry32(5);
    const t = { flow: createChannelTracker(settings), pressure: createChannelTracker(settings), vibration: createChannelTracker(settings) };
    let wander = 0;
    const step = (ts: number): void => {
      wander = wander * Math.exp(-5 / 300) + 0.03 * Math.sqrt(1 - Math.exp(-10 / 300)) * gaussian(rand);
      const sev = onset !== null && ts > onset ? (ts - onset) / (20 * H) : 0;
      const noisy = (s: string): number => (noisySignals.includes(s) ? sev : 0);
      const flow = 100 * (1 + wander) * (1 - 0.3 * sev) + (0.5 + 4 * noisy('flow')) * gaussian(rand);
      t.flow.add(ts, flow);
      t.pressure.add(ts, 0.00045 * flow * flow + 0.12 + (0.02 + 0.25 * noisy('pressure')) * gaussian(rand));
      t.vibration.add(ts, 2.3 + (0.06 + 0.5 * noisy('vibration')) * gaussian(rand));
    };
    const assess = (ts: number) =>
      assessCavitation('p', { flow: input('f', t.flow, null, 40), pressure: input('dp', t.pressure, 8, 1.5), vibration: input('v', t.vibration, 7.1, null), current: null }, defaultRuleThresholds, ts);
    return { step, assess };
  }

  it('raises an advisory before the flow has fallen 10 % when flow and vibration get noisy', () => {
    const onset = T0 + 6 * H;
    const p = pump(onset, ['flow', 'vibration']);
    const at = firstFlag(30, p.step, (ts) => p.assess(ts).condition);
    assert.ok(at !== null && at > onset, 'flagged after onset');
    // Flow falls 0.3 × (t − onset) / 20 h: 10 % after 6.7 h.
    assert.ok((at as number) - onset < 6.5 * H, `flagged ${(((at as number) - onset) / H).toFixed(1)} h after onset`);
    assert.equal(p.assess(at as number).severity, 'advisory');
  });

  it('does not take one noisier signal for cavitation (and a healthy pump stays quiet)', () => {
    const onset = T0 + 6 * H;
    const one = pump(onset, ['vibration']);
    const early = firstFlag(9, one.step, (ts) => one.assess(ts).condition);
    assert.equal(early, null, 'vibration noise alone with a barely moved flow is not enough');
    const healthy = pump(null, []);
    assert.equal(firstFlag(30, healthy.step, (ts) => healthy.assess(ts).condition), null);
  });
});

describe('slow bearing wear on the long-memory statistics', () => {
  // Vibration compensated for speed (steps every 4 h); wear adds 4.8 (u²) mm/s, u = (t − onset) / 40 h, so it
  // reaches the 7.1 mm/s limit 40 h after onset; bearing temperature drifts up a little with it.
  function bearing(onset: number | null) {
    const rand = mulberry32(8);
    const lags = new ReferenceLags();
    const vib = createChannelTracker(settings, lags);
    const temp = createChannelTracker(settings);
    let speed = 80;
    const step = (ts: number): void => {
      if ((ts - T0) % (4 * H) === 0 && ts > T0) speed = 72 + 16 * rand();
      const u = onset !== null && ts > onset ? (ts - onset) / (40 * H) : 0;
      lags.update(ts, speed);
      vib.add(ts, 0.4 + 0.024 * speed + 4.8 * u * u * (speed / 80) + 0.08 * gaussian(rand));
      temp.add(ts, 50 + 20 * u * u + 0.1 * gaussian(rand));
    };
    const assess = (ts: number) => assessSlowBearing('p', input('v', vib, 7.1, null), input('t', temp, 80, null), defaultRuleThresholds, ts);
    return { step, assess };
  }

  it('flags wear that takes days before half the time to the limit, and not a healthy pump with speed changes', () => {
    const onset = T0 + 8 * H;
    const b = bearing(onset);
    const at = firstFlag(60, b.step, (ts) => b.assess(ts).condition);
    assert.ok(at !== null && at > onset, 'flagged after onset');
    assert.ok((at as number) - onset < 20 * H, `flagged ${(((at as number) - onset) / H).toFixed(1)} h after onset`);
    const healthy = bearing(null);
    assert.equal(firstFlag(60, healthy.step, (ts) => healthy.assess(ts).condition), null);
  });
});
