// Rule "fouling" (compressors): discharge temperature creeps up towards its limit and motor current creeps up with
// it while the header pressure holds: a clogged intake filter or fouled cooler, not a change of demand.
import { evidenceOf, findChannel, headingToLimit, type ChannelInput } from './channel-finding.js';
import { quietAssessment, severityForEta, type RuleAssessment, type RuleThresholds } from './rule-assessment.js';
import { movementSentence, relatedSentence } from './rule-text.js';

export const FOULING_RULE = 'fouling';

export interface FoulingInputs {
  temperature: ChannelInput;
  /** Load-corrected temperature (its limit is the temperature limit at typical load); null while learning. */
  corrected: ChannelInput | null;
  current: ChannelInput;
  pressure: ChannelInput | null;
}

export function assessFouling(asset: string, i: FoulingInputs, t: RuleThresholds, now: number): RuleAssessment {
  const raw = findChannel(i.temperature, 'up', t);
  // The load-corrected temperature leads when available: load cycles swing the raw one far more than fouling does.
  const temp = i.corrected ? findChannel(i.corrected, 'up', t) : raw;
  const current = findChannel(i.current, 'up', t);
  const pressureDown = i.pressure ? findChannel(i.pressure, 'down', t) : null;
  const tags = [i.temperature.tag, i.current.tag, ...(i.pressure ? [i.pressure.tag] : [])];
  const evidence = [evidenceOf(raw), evidenceOf(current)];
  if (!headingToLimit(temp, t) || !temp.projection) return quietAssessment(temp.snapshot.warmedUp, tags, evidence, temp.holding);
  const currentUp = current.drifting || current.snapshot.level > current.bandHigh;
  // Falling pressure with higher load is a leak or a demand surge, not fouling.
  const pressureHolds = pressureDown === null || !(pressureDown.drifting && pressureDown.outside);
  if (!currentUp || !pressureHolds) return quietAssessment(true, tags, evidence, temp.holding);
  const p = temp.projection;
  const severity = severityForEta(p.eta, now, t);
  const sentences = [
    movementSentence(asset, temp),
    temp !== raw ? `(Corrected for load, so the compressor's load cycles do not hide or fake it.)` : null,
    `Motor current is creeping up with it: ${relatedSentence(current, 'with').replace(/\.$/, '')}.`,
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
