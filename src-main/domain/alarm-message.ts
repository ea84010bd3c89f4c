// Operator-facing alarm texts, e.g. "pump-101 vibration high-high: 11.4 mm/s ≥ 11 mm/s", or the configured
// template with {label} {tag} {level} {value} {limit} {unit} {setpoint} {rate} filled in.
import type { AlarmLevel, TagValue } from '../contract/index.js';
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

function show(value: TagValue | undefined, unit: string): string {
  if (typeof value === 'number') return withUnit(value, unit);
  if (value === undefined || value === null) return '—';
  return String(value);
}

/** What the message can mention besides the value: the setpoint, the rate, the feedback, the quality. */
export interface MessageFacts {
  value: TagValue;
  setpoint?: TagValue | undefined;
  rate?: number | null | undefined;
  feedback?: TagValue | undefined;
  quality?: string | undefined;
}

function fillTemplate(def: AlarmDefinition, template: string, f: MessageFacts): string {
  const fields: Record<string, string> = {
    label: def.label,
    tag: def.tag,
    level: def.level,
    value: show(f.value, ''),
    limit: def.limit === null ? '—' : formatAlarmNumber(def.limit),
    unit: def.unit,
    setpoint: show(f.setpoint, ''),
    rate: typeof f.rate === 'number' ? formatAlarmNumber(f.rate) : '—',
  };
  return template.replace(/\{(\w+)\}/g, (m, key: string) => fields[key] ?? m);
}

function builtIn(def: AlarmDefinition, f: MessageFacts): string {
  const word = LEVEL_WORDS[def.level];
  const unit = def.unit;
  switch (def.input.kind) {
    case 'limit': {
      const op = isHighLevel(def.level) ? '≥' : '≤';
      return `${def.label} ${word}: ${show(f.value, unit)} ${op} ${show(def.limit, unit)}`;
    }
    case 'deviation': {
      const off = typeof f.value === 'number' && typeof f.setpoint === 'number' ? Math.abs(f.value - f.setpoint) : null;
      return `${def.label} ${word}: ${show(f.value, unit)} is ${show(off, unit)} from setpoint ${show(f.setpoint, unit)} (limit ${show(def.limit, unit)})`;
    }
    case 'rate': {
      const perMin = unit ? `${unit}/min` : '/min';
      const rate = typeof f.rate === 'number' ? `${f.rate >= 0 ? '+' : ''}${formatAlarmNumber(f.rate)} ${perMin}` : '—';
      return `${def.label} ${word}: ${rate} (limit ${show(def.limit, perMin)})`;
    }
    case 'digital':
      return def.input.feedbackTag
        ? `${def.label} discrepancy: commanded ${show(f.value, '')}, feedback ${show(f.feedback, '')}`
        : `${def.label} ${word}: ${show(f.value, '')}`;
    case 'quality':
      return `${def.label} ${word}: ${f.quality === 'stale' ? 'stale (source lost)' : (f.quality ?? 'bad')}`;
    case 'system':
      return `${def.label}`;
  }
}

export function activationMessage(def: AlarmDefinition, value: TagValue, facts: Omit<MessageFacts, 'value'> = {}): string {
  const f = { ...facts, value };
  return def.message ? fillTemplate(def, def.message, f) : builtIn(def, f);
}

export function returnMessage(def: AlarmDefinition, value: TagValue): string {
  if (def.input.kind === 'quality') return `${def.label} ${LEVEL_WORDS[def.level]} returned to normal: quality good`;
  return `${def.label} ${LEVEL_WORDS[def.level]} returned to normal: ${show(value, def.unit)}`;
}
