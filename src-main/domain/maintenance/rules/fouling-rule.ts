// Rule "fouling" (compressors): discharge temperature creeps up towards its limit and motor current creeps up with
// it while the header pressure holds: a clogged intake filter or fouled cooler, not a change of demand.
import { evidenceOf, findChannel, headingToLimit, type ChannelInput } from './channel-finding.js';
import { quietAssessment, severityForEta, type RuleAssessment, type RuleThresholds } from './rule-assessment.js';
import { movementSentence, relatedSentence } from './rule-text.js';

export const FOULING_RULE = 'fouling';

export interface FoulingInputs {
  temperature: ChannelInput;
  current: ChannelInput;
  pressure: ChannelInput | null;
}

export function assessFouling(asset: string, i: FoulingInputs, t: RuleThresholds, now: number): RuleAssessment {
  const temp = findChannel(i.temperature, 'up', t);
  const current = findChannel(i.current, 'up', t);
  const pressureDown = i.pressure ? findChannel(i.pressure, 'down', t) : null;
  const tags = [i.temperature.tag, i.current.tag, ...(i.pressure ? [i.pressure.tag] : [])];
  const evidence = [evidenceOf(temp), evidenceOf(current)];
  if (!headingToLimit(temp, t) || !temp.projection) return quietAssessment(temp.snapshot.warmedUp, tags, evidence);
  // The temperature is judged at the usual load (compensated for motor current when configured), so a rise that is
  // left is not a change of demand; the current must not be falling (less work cannot heat the air) and usually
  // creeps up with a clogged intake.
  const currentUp = current.drifting || current.snapshot.level > current.bandHigh;
  const currentDown = current.snapshot.drift === 'down' || (current.snapshot.warmedUp && current.snapshot.level < current.bandLow);
  // Falling pressure with higher load is a leak or a demand surge, not fouling; a few hundredths of a bar (a new
  // setpoint, a quieter shift) is not: the fall must be a real part of the way to the low limit.
  const pressureHolds = pressureDown === null || !(pressureDown.drifting && pressureDown.outside && pressureDown.farEnough);
  if (currentDown || !pressureHolds) return quietAssessment(true, tags, evidence);
  const p = temp.projection;
  const severity = severityForEta(p.eta, now, t);
  const sentences = [
    movementSentence(asset, temp),
    currentUp
      ? `Motor current is creeping up with it: ${relatedSentence(current, 'with').replace(/\.$/, '')}.`
      : `Motor current is not falling: ${relatedSentence(current, 'steady').replace(/\.$/, '')}, so the extra heat is not extra work.`,
    pressureDown ? relatedSentence(pressureDown, 'steady') : null,
    severity === 'critical'
      ? 'Likely fouling: clean or replace the intake filter and check the cooler now, before it trips on temperature.'
      : 'Likely fouling (clogged intake filter or fouled cooler): plan cleaning at the next stop.',
  ];
  return {
    evaluable: true,
    condition: true,
    severity,
    limitEta: p.eta,
    limitEtaRange: [p.earliest, p.latest],
    tags,
    evidence,
    explanation: sentences.filter((x): x is string => x !== null).join(' '),
  };
}
