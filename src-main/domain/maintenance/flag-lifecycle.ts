// A flag's life: raised when its condition first holds, updated while it holds, cleared once the condition has
// been gone for a while (so one noisy point does not clear and re-raise it).
import type { FlagDto } from '../../contract/index.js';
import type { RuleAssessment } from './rules/rule-assessment.js';

export interface FlagSlot {
  /** The active flag of this rule and asset, if any. */
  flag: FlagDto | null;
  /** Since when the condition has been gone while the flag is active. */
  normalSince: number | null;
  /** Cleared by a user while the condition still held: not raised again until the condition has gone. */
  suppressed?: boolean;
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
  /** Unique per rule instance (defaults to `rule:asset`); flag ids are `<key>:<raised at>`. */
  key?: string;
}

export function stepFlag(
  slot: FlagSlot,
  assessment: RuleAssessment,
  identity: FlagIdentity,
  now: number,
  clearAfterMs: number,
): FlagStep {
  if (slot.suppressed) {
    if (assessment.condition || !assessment.evaluable) return { slot, changed: null };
    return { slot: { flag: null, normalSince: null }, changed: null };
  }
  if (assessment.condition) {
    const previous = slot.flag;
    const flag: FlagDto = {
      ...userFields(previous),
      id: previous?.id ?? `${identity.key ?? `${identity.rule}:${identity.asset}`}:${now}`,
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
  // Still away from normal: the active flag stays (no update) rather than clearing and being raised again.
  if (slot.flag && assessment.holds) return { slot: { flag: slot.flag, normalSince: null }, changed: null };
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

/** What users added to a flag (acknowledgement, work order): kept while the analytics update it. */
function userFields(f: FlagDto | null): Partial<FlagDto> {
  if (!f) return {};
  const out: Partial<FlagDto> = {};
  if (f.acknowledged !== undefined) out.acknowledged = f.acknowledged;
  if (f.ackedBy !== undefined) out.ackedBy = f.ackedBy;
  if (f.ackedAt !== undefined) out.ackedAt = f.ackedAt;
  if (f.ackComment !== undefined) out.ackComment = f.ackComment;
  if (f.workOrder !== undefined) out.workOrder = f.workOrder;
  return out;
}
