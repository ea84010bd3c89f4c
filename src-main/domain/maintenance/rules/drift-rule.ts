// Rule "drift" (advisory): any single watched signal that has drifted a long way towards one of its alarm limits
// and keeps going. The catch-all behind the specific rules; it only speaks when they have nothing to say.
import { evidenceOf, findChannel, headingToLimit, type ChannelInput } from './channel-finding.js';
import { quietAssessment, type RuleAssessment, type RuleThresholds } from './rule-assessment.js';
import { movementSentence } from './rule-text.js';

export const DRIFT_RULE = 'drift';

export function assessDrift(asset: string, signal: ChannelInput, t: RuleThresholds, minShiftFraction: number): RuleAssessment {
  const th = { ...t, minShiftFraction };
  const up = findChannel(signal, 'up', th);
  const down = findChannel(signal, 'down', th);
  const moving = signal.high !== null && headingToLimit(up, th) ? up : signal.low !== null && headingToLimit(down, th) ? down : null;
  if (!moving || !moving.projection) return quietAssessment(up.snapshot.warmedUp, [signal.tag], [evidenceOf(up)]);
  const p = moving.projection;
  return {
    evaluable: true,
    condition: true,
    severity: 'advisory',
    limitEta: p.eta,
    limitEtaRange: [p.earliest, p.latest],
    tags: [signal.tag],
    evidence: [evidenceOf(moving)],
    explanation: `${movementSentence(asset, moving)} No specific fault pattern matches yet: keep watching it.`,
  };
}
