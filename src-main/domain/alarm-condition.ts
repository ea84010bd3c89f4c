// Whether a limit condition holds, with deadband hysteresis so a value hovering at the limit does not chatter.
import { isHighLevel, type AlarmDefinition } from './alarm-definitions.js';

/**
 * High levels activate at value ≥ limit and return only at value < limit − deadband;
 * low levels activate at value ≤ limit and return only at value > limit + deadband.
 * `wasActive` selects which of the two thresholds applies.
 */
export function isConditionActive(def: AlarmDefinition, value: number, wasActive: boolean): boolean {
  if (isHighLevel(def.level)) {
    return wasActive ? value >= def.limit - def.deadband : value >= def.limit;
  }
  return wasActive ? value <= def.limit + def.deadband : value <= def.limit;
}
