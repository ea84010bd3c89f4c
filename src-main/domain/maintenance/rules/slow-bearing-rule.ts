// The slow half of rule "bearing-wear": wear that develops over days is followed on the long-memory channel
// statistics (2 min buckets, 24 h baseline, vibration compensated for drive speed), where the fast 15 s trackers
// would learn it as normal. Vibration must head for its limit; bearing temperature must not be falling.
import { evidenceOf, findChannel, headingToLimit, type ChannelInput } from './channel-finding.js';
import { quietAssessment, severityForEta, type RuleAssessment, type RuleThresholds } from './rule-assessment.js';
import { movementSentence, relatedSentence } from './rule-text.js';

export function assessSlowBearing(asset: string, vibration: ChannelInput, temperature: ChannelInput, t: RuleThresholds, now: number): RuleAssessment {
  const vib = findChannel(vibration, 'up', t);
  const temp = findChannel(temperature, 'up', t);
  const tags = [vibration.tag, temperature.tag];
  const evidence = [evidenceOf(vib), evidenceOf(temp)];
  if (!headingToLimit(vib, t) || !vib.projection) return quietAssessment(vib.snapshot.warmedUp, tags, evidence);
  const tempFalling = temp.snapshot.drift === 'down' || (temp.snapshot.warmedUp && temp.snapshot.level < temp.bandLow);
  if (tempFalling) return quietAssessment(true, tags, evidence);
  const tempUp = temp.drifting || temp.outside;
  const p = vib.projection;
  const eta = severityForEta(p.eta, now, t);
  return {
    evaluable: true,
    condition: true,
    // Without a warmer bearing the evidence is vibration alone: advisory until the limit is close.
    severity: tempUp ? eta : eta === 'critical' ? 'warning' : 'advisory',
    limitEta: p.eta,
    limitEtaRange: [p.earliest, p.latest],
    tags,
    evidence,
    explanation: [
      movementSentence(asset, vib),
      tempUp
        ? `Bearing temperature is rising with it: ${relatedSentence(temp, 'with').replace(/\.$/, '')}.`
        : 'Bearing temperature has not risen yet (early wear heats little).',
      'Likely bearing wear, judged at the usual drive speed: plan a bearing inspection (lubrication, spectrum check).',
    ].join(' '),
  };
}
