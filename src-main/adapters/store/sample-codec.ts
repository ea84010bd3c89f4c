// How contract values map to SQLite columns and back.
import type { Quality, TagValue } from '../../contract/index.js';
import type { SqlValue } from './sqlite-db.js';

const qualityCodes: Record<Quality, number> = { good: 0, uncertain: 1, bad: 2, stale: 3 };
const qualityNames: readonly Quality[] = ['good', 'uncertain', 'bad', 'stale'];

export function qualityCode(q: Quality): number {
  return qualityCodes[q] ?? qualityCodes.bad;
}

export function qualityName(code: number): Quality {
  return qualityNames[code] ?? 'bad';
}

/** Sample value column: numbers as numbers, booleans as 1/0, strings as TEXT; NaN becomes NULL (as SQLite would). */
export function sampleValue(value: TagValue): SqlValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  return value;
}

/** A numeric reading of a stored sample value for charts: strings and NULL are gaps. */
export function numericOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/** Journal and audit values as JSON text, so `true`, `1` and `"1"` stay distinct. */
export function encodeTagValue(value: TagValue): string | null {
  return value === null ? null : JSON.stringify(value);
}

export function decodeTagValue(text: string | null): TagValue {
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'number' || typeof parsed === 'boolean' || typeof parsed === 'string') return parsed;
    return null;
  } catch {
    return text;
  }
}
