// Whether an alarm's condition holds for one sample, per kind, with deadband hysteresis so a value hovering at the
// limit does not chatter. Pure: the values of other tags (setpoint, feedback) and the measured rate come in `ctx`.
import type { Quality, TagValue } from '../contract/index.js';
import { isHighLevel, type AlarmDefinition } from './alarm-definitions.js';

export interface ConditionSample {
  value: TagValue;
  quality: Quality;
}

export interface ConditionContext {
  /** Latest usable value of another tag (undefined when unknown or of bad quality). */
  valueOf(tagId: string): TagValue | undefined;
  /** Rate of change of the alarm's tag in units per minute over its window; null while the window is too short. */
  rate?: number | null;
}

const noContext: ConditionContext = { valueOf: () => undefined };

export function isUnusableQuality(quality: Quality): boolean {
  return quality === 'bad' || quality === 'stale';
}

function finite(value: TagValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Equality for digital states: booleans and numbers compare as numbers (true = 1), strings exactly. */
export function sameState(a: TagValue | undefined, b: TagValue | undefined): boolean {
  const isNum = (v: unknown): v is number | boolean => typeof v === 'number' || typeof v === 'boolean';
  if (isNum(a) && isNum(b)) return Number(a) === Number(b);
  return a === b;
}

/** A magnitude `x` against a limit: active at ≥ limit, returns only below limit − deadband. */
function aboveWithHysteresis(x: number, limit: number, deadband: number, wasActive: boolean): boolean {
  return wasActive ? x >= limit - deadband : x >= limit;
}

/**
 * High levels activate at value ≥ limit and return only at value < limit − deadband;
 * low levels activate at value ≤ limit and return only at value > limit + deadband.
 * `wasActive` selects which of the two thresholds applies.
 */
export function isConditionActive(def: AlarmDefinition, value: number, wasActive: boolean): boolean {
  const limit = def.limit ?? Number.POSITIVE_INFINITY;
  if (isHighLevel(def.level)) return aboveWithHysteresis(value, limit, def.deadband, wasActive);
  return wasActive ? value <= limit + def.deadband : value <= limit;
}

/**
 * The raw condition (before on/off delays) for a sample of the alarm's own tag, or null when this sample cannot
 * decide it: bad or stale samples never change a process alarm (a lost source must not look like a return to
 * normal), and neither do values of the wrong type or a missing setpoint/feedback.
 */
export function evaluateCondition(
  def: AlarmDefinition,
  sample: ConditionSample,
  wasActive: boolean,
  ctx: ConditionContext = noContext,
): boolean | null {
  const input = def.input;
  if (input.kind === 'quality') return isUnusableQuality(sample.quality);
  if (input.kind === 'system' || isUnusableQuality(sample.quality)) return null;
  switch (input.kind) {
    case 'limit': {
      const v = finite(sample.value);
      return v === null ? null : isConditionActive(def, v, wasActive);
    }
    case 'deviation': {
      const v = finite(sample.value);
      const sp = finite(ctx.valueOf(input.setpointTag));
      if (v === null || sp === null || def.limit === null) return null;
      return aboveWithHysteresis(Math.abs(v - sp), def.limit, def.deadband, wasActive);
    }
    case 'rate': {
      const rate = ctx.rate ?? null;
      if (rate === null || def.limit === null) return null;
      const rising = aboveWithHysteresis(rate, def.limit, def.deadband, wasActive);
      const falling = aboveWithHysteresis(-rate, def.limit, def.deadband, wasActive);
      if (input.direction === 'rising') return rising;
      if (input.direction === 'falling') return falling;
      return rising || falling;
    }
    case 'digital': {
      if (sample.value === null) return null;
      if (input.feedbackTag) {
        const feedback = ctx.valueOf(input.feedbackTag);
        if (feedback === undefined || feedback === null) return null;
        return !sameState(sample.value, feedback);
      }
      return sameState(sample.value, input.alarmWhen);
    }
  }
}
