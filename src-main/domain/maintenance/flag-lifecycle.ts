// A flag's life: raised when its condition first holds, updated while it holds, cleared once the condition has
// been gone for a while (so one noisy point does not clear and re-raise it).
import type { FlagDto } from '../../contract/index.js';
import type { BearingAssessment } from './bearing-rule.js';

export interface FlagSlot {
  /** The active flag of this rule and asset, if any. */
  flag: FlagDto | null;
  /** Since when the condition has been gone while the flag is active. */
  normalSince: number | null;
}

export interface FlagStep {
  slot: FlagSlot;
  /** The flag as raised, updated or cleared by this step; null when nothing changed. */
  changed: FlagDto | null;
}

export interface FlagIdentity {
  rule: string;
  asset: string;
  title: string;
}

export function stepFlag(
  slot: FlagSlot,
  assessment: BearingAssessment,
  identity: FlagIdentity,
  now: number,
  clearAfterMs: number,
): FlagStep {
  if (assessment.condition) {
    const previous = slot.flag;
    const flag: FlagDto = {
      id: previous?.id ?? `${identity.rule}:${identity.asset}:${now}`,
      asset: identity.asset,
      rule: identity.rule,
      title: identity.title,
      severity: assessment.severity,
      state: 'active',
      tags: assessment.tags,
      startedAt: previous?.startedAt ?? now,
      updatedAt: now,
      limitEta: assessment.limitEta,
      limitEtaRange: assessment.limitEtaRange,
      explanation: assessment.explanation,
      evidence: assessment.evidence,
    };
    return { slot: { flag, normalSince: null }, changed: flag };
  }
  // Without a learned baseline nothing can be said: keep a flag restored at start-up rather than clear it blindly.
  if (!slot.flag || !assessment.evaluable) return { slot, changed: null };
  const normalSince = slot.normalSince ?? now;
  if (now - normalSince < clearAfterMs) return { slot: { flag: slot.flag, normalSince }, changed: null };
  const minutes = Math.round(clearAfterMs / 60_000);
  const cleared: FlagDto = {
    ...slot.flag,
    state: 'cleared',
    updatedAt: now,
    limitEta: null,
    limitEtaRange: null,
    explanation: `${slot.flag.explanation} Cleared: the values have been back to normal for ${minutes} min.`,
  };
  return { slot: { flag: null, normalSince: null }, changed: cleared };
}
