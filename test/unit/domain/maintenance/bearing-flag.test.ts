import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BearingAssessment, SignalFinding } from '../../../../src-main/domain/maintenance/bearing-rule.js';
import { explainBearingFlag } from '../../../../src-main/domain/maintenance/flag-explanation.js';
import { stepFlag, type FlagSlot } from '../../../../src-main/domain/maintenance/flag-lifecycle.js';
import type { SignalSnapshot } from '../../../../src-main/domain/maintenance/signal-tracker.js';
import { formatDuration } from '../../../../src-main/domain/maintenance/text-format.js';
import type { TrendEstimate } from '../../../../src-main/domain/maintenance/trend-estimate.js';

const MIN = 60_000;
const NOW = new Date(2025, 0, 6, 15, 0).getTime();
const ONSET = new Date(2025, 0, 6, 14, 2).getTime();

function snapshot(level: number, normal: number, sigma: number, trend: Partial<TrendEstimate> | null): SignalSnapshot {
  return {
    warmedUp: true,
    normalLevel: normal,
    normalSigma: sigma,
    level,
    drifting: true,
    changePointTs: ONSET,
    trend: trend ? ({ at: NOW, level, ratePerHour: 2.1, ...trend } as TrendEstimate) : null,
    lastPointTs: NOW,
  };
}

function finding(label: string, unit: string, snap: SignalSnapshot, limit: number, rising: boolean): SignalFinding {
  return {
    input: { tag: `demo-site/utilities/pump-101/${label}`, label, unit, limit, snapshot: snap },
    triggered: rising,
    rising,
    projection: { eta: NOW + 70 * MIN, earliest: NOW + 55 * MIN, latest: NOW + 100 * MIN },
    evidence: {
      tag: label,
      unit,
      baseline: snap.normalLevel,
      bandLow: snap.normalLevel - 3 * snap.normalSigma,
      bandHigh: snap.normalLevel + 3 * snap.normalSigma,
      current: snap.level,
      slopePerHour: 2.1,
      limit,
      changePointTs: ONSET,
    },
  };
}

describe('bearing-wear explanation', () => {
  it('reads like a note to a maintenance planner', () => {
    const text = explainBearingFlag({
      asset: 'pump-101',
      vibration: finding('Vibration', 'mm/s', snapshot(4.8, 2.4, 0.5 / 3, {}), 7.1, true),
      temperature: finding('Bearing temperature', '°C', snapshot(61, 55, 0.5, null), 80, true),
      load: null,
      severity: 'warning',
    });
    assert.equal(
      text,
      'Vibration on pump-101 has risen from a normal 2.4 mm/s (band 1.9–2.9) to 4.8 mm/s since 14:02 and is climbing ' +
        '2.1 mm/s per hour; at this rate it reaches the 7.1 mm/s alarm limit in about 1 h 10 min (between 55 min and ' +
        '1 h 40 min). Bearing temperature is rising with it (+6 °C). Likely bearing wear: plan an inspection.',
    );
  });

  it('says when the temperature does not confirm it yet', () => {
    const steady = finding('Bearing temperature', '°C', { ...snapshot(55.2, 55, 0.5, null), drifting: false }, 80, false);
    const text = explainBearingFlag({
      asset: 'pump-101',
      vibration: finding('Vibration', 'mm/s', snapshot(4.8, 2.4, 0.1, {}), 7.1, true),
      temperature: steady,
      load: null,
      severity: 'advisory',
    });
    assert.match(text, /Bearing temperature is steady \(55\.2 °C\), so this is not confirmed yet\. Possible bearing wear/);
  });

  it('formats durations the way people say them', () => {
    assert.equal(formatDuration(30_000), 'less than a minute');
    assert.equal(formatDuration(8 * MIN), '8 min');
    assert.equal(formatDuration(54 * MIN), '55 min');
    assert.equal(formatDuration(60 * MIN), '1 h');
    assert.equal(formatDuration(3 * 24 * 60 * MIN), '3 days');
  });
});

describe('flag lifecycle', () => {
  const identity = { rule: 'bearing-wear', asset: 'pump-101', title: 'Bearing wear suspected on pump-101' };
  const raised: BearingAssessment = {
    evaluable: true,
    condition: true,
    severity: 'advisory',
    limitEta: NOW + HOURS(2),
    limitEtaRange: [NOW + HOURS(1), NOW + HOURS(3)],
    tags: ['v'],
    evidence: [],
    explanation: 'Vibration is rising.',
  };
  const normal: BearingAssessment = { ...raised, condition: false, limitEta: null, limitEtaRange: null };
  function HOURS(h: number): number {
    return h * 60 * MIN;
  }

  it('raises a flag, then updates the same flag while the condition holds', () => {
    const empty: FlagSlot = { flag: null, normalSince: null };
    const a = stepFlag(empty, raised, identity, NOW, 10 * MIN);
    assert.equal(a.changed?.state, 'active');
    assert.equal(a.changed?.id, `bearing-wear:pump-101:${NOW}`);
    const b = stepFlag(a.slot, { ...raised, severity: 'critical' }, identity, NOW + 5000, 10 * MIN);
    assert.equal(b.changed?.id, a.changed?.id);
    assert.equal(b.changed?.severity, 'critical');
    assert.equal(b.changed?.startedAt, NOW);
    assert.equal(b.changed?.updatedAt, NOW + 5000);
  });

  it('clears only after the condition has been gone for the clear time', () => {
    let slot = stepFlag({ flag: null, normalSince: null }, raised, identity, NOW, 10 * MIN).slot;
    let step = stepFlag(slot, normal, identity, NOW + MIN, 10 * MIN);
    assert.equal(step.changed, null);
    slot = stepFlag(step.slot, raised, identity, NOW + 5 * MIN, 10 * MIN).slot; // back again: the clock restarts
    step = stepFlag(slot, normal, identity, NOW + 6 * MIN, 10 * MIN);
    step = stepFlag(step.slot, normal, identity, NOW + 15 * MIN, 10 * MIN);
    assert.equal(step.changed, null);
    step = stepFlag(step.slot, normal, identity, NOW + 16 * MIN, 10 * MIN);
    assert.equal(step.changed?.state, 'cleared');
    assert.equal(step.changed?.limitEta, null);
    assert.equal(step.slot.flag, null);
  });

  it('does not clear a flag while nothing can be evaluated (baseline not learned yet)', () => {
    const slot = stepFlag({ flag: null, normalSince: null }, raised, identity, NOW, 10 * MIN).slot;
    const step = stepFlag(slot, { ...normal, evaluable: false }, identity, NOW + HOURS(5), 10 * MIN);
    assert.equal(step.changed, null);
    assert.equal(step.slot.flag?.state, 'active');
  });

  it('keeps an active flag while the rule says it still holds, and clears it only once that is gone too', () => {
    let slot = stepFlag({ flag: null, normalSince: null }, raised, identity, NOW, 10 * MIN).slot;
    const held = { ...normal, holds: true };
    let step = stepFlag(slot, held, identity, NOW + HOURS(3), 10 * MIN);
    assert.equal(step.changed, null, 'no update, no clear while it holds');
    assert.equal(step.slot.flag?.id, `bearing-wear:pump-101:${NOW}`);
    assert.equal(step.slot.normalSince, null);
    slot = step.slot;
    step = stepFlag(slot, normal, identity, NOW + HOURS(3) + MIN, 10 * MIN);
    step = stepFlag(step.slot, normal, identity, NOW + HOURS(3) + 11 * MIN, 10 * MIN);
    assert.equal(step.changed?.state, 'cleared');
  });

  it('does not raise a new flag from a condition that only holds', () => {
    const step = stepFlag({ flag: null, normalSince: null }, { ...normal, holds: true }, identity, NOW, 10 * MIN);
    assert.equal(step.changed, null);
    assert.equal(step.slot.flag, null);
  });
});
