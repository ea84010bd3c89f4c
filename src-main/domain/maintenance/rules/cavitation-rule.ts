// Rule "cavitation" (pumps): flow falls towards its low limit and pressure falls with it, confirmed by noisier
// flow/pressure/vibration (broadband noise of collapsing vapour bubbles) or by a current drop without a slow-down.
import type { FlagEvidence } from '../../../contract/index.js';
import { evidenceOf, findChannel, headingToLimit, outsideEitherWay, type ChannelFinding, type ChannelInput } from './channel-finding.js';
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
  const noisyCount = [flow, pressure, vibration].filter((f) => f?.noisy === true).length;
  // Early sign: broadband (within-bucket) noise of collapsing bubbles in the vibration and in the flow or pressure
  // (flow and pressure share the process's own wandering, so together they are one piece of evidence, and the
  // vibration is the mechanical one) while flow has started to fall (CUSUM, or a sigma below normal) and pressure
  // sits below normal: an advisory before the flow has gone far.
  const broadband = (f: ChannelFinding | null): boolean => f !== null && f.snapshot.withinNoiseRatio >= t.noiseRatio;
  const early =
    broadband(vibration) &&
    (broadband(flow) || broadband(pressure)) &&
    (flow.drifting || flow.snapshot.level < flow.snapshot.normalLevel - flow.snapshot.normalSigma) &&
    pressure.snapshot.warmedUp &&
    pressure.snapshot.level < pressure.snapshot.normalLevel;
  if (!headingToLimit(flow, t) || !flow.projection) {
    if (!early) return quietAssessment(flow.snapshot.warmedUp, tags, evidence, flow.holding);
    return earlyCavitation(asset, flow, pressure, vibration, tags, evidence, t, now);
  }
  const pressureDown = pressure.drifting || (pressure.outside && pressure.snapshot.level < pressure.bandLow);
  const noisy = noisyCount > 0;
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

function earlyCavitation(
  asset: string,
  flow: ChannelFinding,
  pressure: ChannelFinding,
  vibration: ChannelFinding | null,
  tags: string[],
  evidence: FlagEvidence[],
  t: RuleThresholds,
  now: number,
): RuleAssessment {
  const p = flow.projection;
  const severity = p ? severityForEta(p.eta, now, t) : 'advisory';
  const sentences = [
    movementSentence(asset, flow),
    noiseSentence([flow, pressure, ...(vibration ? [vibration] : [])]),
    `Discharge pressure sits below its normal level: ${relatedSentence(pressure, 'with').replace(/\.$/, '')}.`,
    'Early signs of cavitation: check the suction side (strainer, suction valve, tank level) before the flow falls further.',
  ];
  return {
    evaluable: true,
    condition: true,
    // Noise comes before the flow has gone far: advisory until the flow trend gives a near limit time.
    severity: severity === 'critical' ? 'warning' : 'advisory',
    limitEta: p?.eta ?? null,
    limitEtaRange: p ? [p.earliest, p.latest] : null,
    tags,
    evidence,
    explanation: sentences.filter((x): x is string => x !== null).join(' '),
  };
}
