// When an observation sends a notification (LwM2M 1.1 §5.1.1 / §6.4): on a change that passes gt/lt/st, but not
// sooner than pmin after the last one; and at the latest pmax after the last one even without a change. Pure.
import type { AttributeSet } from './attributes.js';

export interface ObservationState {
  /** ms epoch of the last notification (or the Observe response). */
  lastSentAt: number;
  /** What was sent last: a number for numeric resources, otherwise the encoded payload. */
  lastSent: number | string;
}

export interface ObserveDecision {
  notify: boolean;
  /** When to look again (ms epoch), or null when only a change can make a notification due. */
  nextCheckAt: number | null;
}

/** Whether a change from `last` to `current` is one the attributes ask to be told about. */
export function changeQualifies(attrs: AttributeSet, last: number | string, current: number | string): boolean {
  if (current === last) return false;
  if (typeof current !== 'number' || typeof last !== 'number') return true;
  const { gt, lt, st } = attrs;
  if (gt === undefined && lt === undefined && st === undefined) return true;
  const crossed = (limit: number | undefined) => limit !== undefined && (last > limit) !== (current > limit);
  const crossedLow = (limit: number | undefined) => limit !== undefined && (last < limit) !== (current < limit);
  if (crossed(gt) || crossedLow(lt)) return true;
  return st !== undefined && Math.abs(current - last) >= st;
}

export function decideNotification(
  state: ObservationState,
  attrs: AttributeSet,
  current: number | string,
  now: number,
): ObserveDecision {
  const pminMs = (attrs.pmin ?? 0) * 1000;
  const pmaxMs = attrs.pmax !== undefined && attrs.pmax > 0 && attrs.pmax >= (attrs.pmin ?? 0) ? attrs.pmax * 1000 : null;
  const elapsed = now - state.lastSentAt;
  const pmaxDue = pmaxMs !== null && elapsed >= pmaxMs;
  const changed = changeQualifies(attrs, state.lastSent, current);
  if (pmaxDue || (changed && elapsed >= pminMs)) {
    return { notify: true, nextCheckAt: pmaxMs !== null ? now + pmaxMs : null };
  }
  if (changed) return { notify: false, nextCheckAt: state.lastSentAt + pminMs };
  return { notify: false, nextCheckAt: pmaxMs !== null ? state.lastSentAt + pmaxMs : null };
}
