// Rule "sensor-drift": one signal walks away towards a limit while the signals physically tied to it (for a
// bearing temperature: vibration, motor current, flow) stay in their normal bands: the sensor, not the machine.
import { evidenceOf, findChannel, headingToLimit, outsideEitherWay, type ChannelFinding, type ChannelInput } from './channel-finding.js';
import { quietAssessment, severityForEta, type RuleAssessment, type RuleThresholds } from './rule-assessment.js';
import { movementSentence } from './rule-text.js';
import { formatWithUnit } from '../text-format.js';

export const SENSOR_DRIFT_RULE = 'sensor-drift';

export function assessSensorDrift(
  asset: string,
  signal: ChannelInput,
  related: readonly ChannelInput[],
  t: RuleThresholds,
  now: number,
  /** Fraction of the way to the limit the drift must cover (usually the generic minShiftFraction). */
  minShiftFraction = t.minShiftFraction,
): RuleAssessment {
  const th = { ...t, minShiftFraction };
  const up = findChannel(signal, 'up', th);
  const down = findChannel(signal, 'down', th);
  const tags = [signal.tag, ...related.map((r) => r.tag)];
  const moving: ChannelFinding | null = headingToLimit(up, th) ? up : headingToLimit(down, th) ? down : null;
  if (!moving || !moving.projection) return quietAssessment(up.snapshot.warmedUp, tags, [evidenceOf(up)]);
  const others = related.map((r) => findChannel(r, moving.direction, th));
  // Every related signal must have a baseline and sit inside its band: otherwise the process itself moved.
  if (others.length === 0 || others.some((o) => !o.snapshot.warmedUp || Number.isNaN(o.snapshot.level) || outsideEitherWay(o))) {
    return quietAssessment(true, tags, [evidenceOf(moving)]);
  }
  const p = moving.projection;
  const severity = severityForEta(p.eta, now, t);
  const steadyList = others.map((o) => `${o.input.label.toLowerCase()} ${formatWithUnit(o.snapshot.level, o.input.unit)}`);
  const explanation = [
    movementSentence(asset, moving),
    `The signals physically tied to it stay in their normal bands (${steadyList.join(', ')}), so the machine is ` +
      `unlikely to have changed: the ${signal.label.toLowerCase()} sensor is probably drifting.`,
    'Check or recalibrate the sensor before trusting its alarms.',
  ].join(' ');
  return {
    evaluable: true,
    condition: true,
    severity,
    limitEta: p.eta,
    limitEtaRange: [p.earliest, p.latest],
    tags,
    evidence: [evidenceOf(moving), ...others.map(evidenceOf)],
    explanation,
  };
}
