// Operator-facing alarm texts, e.g. "pump-101 vibration high-high: 11.4 mm/s ≥ 11 mm/s".
import type { AlarmLevel } from '../contract/index.js';
import { isHighLevel, type AlarmDefinition } from './alarm-definitions.js';

const LEVEL_WORDS: Record<AlarmLevel, string> = {
  HH: 'high-high',
  H: 'high',
  L: 'low',
  LL: 'low-low',
  DEV: 'deviation',
  ROC: 'rate of change',
  DIG: 'state',
  BAD: 'bad quality',
  SYS: 'system',
};

/** Four significant digits: enough for an operator, without float noise such as 7.1000000001. */
export function formatAlarmNumber(value: number): string {
  return String(Number(value.toPrecision(4)));
}

function withUnit(value: number, unit: string): string {
  return unit ? `${formatAlarmNumber(value)} ${unit}` : formatAlarmNumber(value);
}

export function activationMessage(def: AlarmDefinition, value: number): string {
  const op = isHighLevel(def.level) ? '≥' : '≤';
  return `${def.label} ${LEVEL_WORDS[def.level]}: ${withUnit(value, def.unit)} ${op} ${withUnit(def.limit, def.unit)}`;
}

export function returnMessage(def: AlarmDefinition, value: number): string {
  return `${def.label} ${LEVEL_WORDS[def.level]} returned to normal: ${withUnit(value, def.unit)}`;
}
