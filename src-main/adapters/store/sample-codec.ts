// How contract values map to SQLite columns and back.
import type { Quality, TagValue } from '../../contract/index.js';
import type { SqlValue } from './sqlite-db.js';

const qualityCodes: Record<Quality, number> = { good: 0, uncertain: 1, bad: 2, stale: 3 };
/** A lone surrogate (with the u flag a valid pair is one code point, never \p{Cs}) or a NUL character. */
const NOT_JSON_EXACT = /[\p{Cs}\u0000]/u;

export function qualityCode(q: Quality): number {
  return qualityCodes[q] ?? qualityCodes.bad;
}

/** Sample value column: numbers as numbers, booleans as 1/0, strings as TEXT; NaN becomes NULL (as SQLite would). */
export function sampleValue(value: TagValue): SqlValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  return value;
}

/**
 * One samples row as it travels inside a JSON array to SQLite's json_each (see sample-writer.ts), or undefined when
 * JSON text would not carry it exactly; the caller then binds that row as parameters.
 * - Whole numbers that fit 32 bits travel as JSON integers and are stored as INTEGER, like a bound JS number.
 * - Every other double travels as `mantissa, exponent` (value = mantissa × 2^exponent, both JSON integers) and is
 *   rebuilt in SQL as a REAL, bit for bit: SQLite's text-to-double conversion is off by one ulp for about 1 in
 *   15,000 random doubles written in shortest form, which a historian must not do.
 * - Booleans are 1/0 and NaN is NULL (as when bound); ±Infinity, strings with lone surrogates or NUL characters,
 *   and timestamps beyond 2^53 are left to the bound path.
 */
export type JsonSampleRow = [number, number, number | string | null, number] | [number, number, number, number, number];

export function jsonSampleRow(tagId: number, ts: number, value: TagValue, quality: number): JsonSampleRow | undefined {
  if (!Number.isSafeInteger(ts)) return undefined;
  if (typeof value === 'number') {
    if ((value | 0) === value) return [tagId, ts, value, quality];
    if (Number.isNaN(value)) return [tagId, ts, null, quality];
    if (!Number.isFinite(value)) return undefined;
    return splitDouble(tagId, ts, value, quality);
  }
  if (typeof value === 'boolean') return [tagId, ts, value ? 1 : 0, quality];
  if (typeof value === 'string') return NOT_JSON_EXACT.test(value) ? undefined : [tagId, ts, value, quality];
  return [tagId, ts, null, quality];
}

const f64 = new Float64Array(1);
const words = new Uint32Array(f64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = 1 - LO;

/** IEEE 754 fields of a finite double: |mantissa| < 2^53, so both halves are exact JSON integers. */
function splitDouble(tagId: number, ts: number, value: number, quality: number): JsonSampleRow {
  f64[0] = value;
  const lo = words[LO] as number;
  const hi = words[HI] as number;
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (hi & 0xfffff) * 0x1_0000_0000 + lo;
  let exponent = -1074; // subnormal
  if (biased !== 0) {
    mantissa += 2 ** 52;
    exponent = biased - 1075;
  }
  return [tagId, ts, hi >>> 31 === 1 ? -mantissa : mantissa, quality, exponent];
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
