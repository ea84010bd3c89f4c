// Rule "cavitation" (pumps): flow falls towards its low limit and pressure falls with it, confirmed by noisier
// flow/pressure/vibration (broadband noise of collapsing vapour bubbles) or by a current drop without a slow-down.
import type { FlagEvidence } from '../../../contract/index.js';
import { evidenceOf, findChannel, headingToLimit, outsideEitherWay, type ChannelInput } from './channel-finding.js';
import { quietAssessment, severityForEta, type RuleAssessment, type RuleThresholds } from './rule-assessment.js';
import { movementSentence, noiseSentence, relatedSentence } from './rule-text.js';

export const CAVITATION_RULE = 'cavitation';

export interface CavitationInputs {
  flow: ChannelInput;
  pressure: ChannelInput;
  vibration: ChannelInput | null;
  current: ChannelInput | null;
}

export function assessCavitation(asset: string, i: CavitationInputs, t: RuleThresholds, now: number): RuleAssessment {
  const flow = findChannel(i.flow, 'down', t);
  const pressure = findChannel(i.pressure, 'down', t);
  const vibration = i.vibration ? findChannel(i.vibration, 'down', t) : null;
  const current = i.current ? findChannel(i.current, 'down', t) : null;
  const tags = [i.flow.tag, i.pressure.tag, ...(i.vibration ? [i.vibration.tag] : []), ...(i.current ? [i.current.tag] : [])];
  const evidence: FlagEvidence[] = [evidenceOf(flow), evidenceOf(pressure)];
  if (!headingToLimit(flow, t) || !flow.projection) return quietAssessment(flow.snapshot.warmedUp, tags, evidence, flow.holding);
  const pressureDown = pressure.drifting || (pressure.outside && pressure.snapshot.level < pressure.bandLow);
  const noisy = [flow, pressure, vibration].some((f) => f?.noisy === true);
  // A slower pump also gives less flow, pressure and current, but its vibration falls too and nothing gets noisier.
  const slowedDown = vibration !== null && vibration.snapshot.level < vibration.bandLow;
  const currentDown = current !== null && current.snapshot.level < current.bandLow && !slowedDown;
  if (!pressureDown || !(noisy || currentDown)) return quietAssessment(true, tags, evidence, flow.holding);
  const p = flow.projection;
  const severity = severityForEta(p.eta, now, t);
  const sentences = [
    movementSentence(asset, flow),
    `Discharge pressure is falling with it: ${relatedSentence(pressure, 'with').replace(/\.$/, '')}.`,
    noiseSentence([flow, pressure, ...(vibration ? [vibration] : [])]),
    current && outsideEitherWay(current) ? relatedSentence(current, 'with') : null,
    severity === 'critical'
      ? 'Likely cavitation: check the suction side (strainer, tank level, valves) now; cavitation erodes the impeller.'
      : 'Likely cavitation: check the suction side (strainer, suction valve, tank level) and plan an inspection.',
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
