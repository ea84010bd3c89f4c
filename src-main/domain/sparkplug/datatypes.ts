// TagDataType -> Sparkplug DataType, value coercion, and the quality property.
import type { Quality, TagDataType, TagValue } from '../../contract/index.js';
import { SpType, type SpProperty, type SpScalar, type SpTypeCode } from './payload-model.js';

const TYPE_OF: Record<TagDataType, SpTypeCode> = {
  Double: SpType.Double,
  Float: SpType.Float,
  Int32: SpType.Int32,
  UInt32: SpType.UInt32,
  Int16: SpType.Int16,
  UInt16: SpType.UInt16,
  Boolean: SpType.Boolean,
  String: SpType.String,
};

export function sparkplugTypeOf(dataType: TagDataType): SpTypeCode {
  return TYPE_OF[dataType];
}

const INT_RANGE: Partial<Record<SpTypeCode, [number, number]>> = {
  [SpType.Int16]: [-32768, 32767],
  [SpType.UInt16]: [0, 65535],
  [SpType.Int32]: [-2147483648, 2147483647],
  [SpType.UInt32]: [0, 4294967295],
  [SpType.Int64]: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/**
 * Makes a tag value fit the metric's declared datatype. A value that cannot be represented (text in a numeric tag,
 * an integer out of range) becomes null, sent as is_null, rather than a wrong number.
 */
export function coerceValue(type: SpTypeCode, value: TagValue): SpScalar {
  if (value === null) return null;
  switch (type) {
    case SpType.Boolean:
      if (typeof value === 'boolean') return value;
      return typeof value === 'number' && Number.isFinite(value) ? value !== 0 : null;
    case SpType.String:
      return typeof value === 'string' ? value : String(value);
    case SpType.Double:
    case SpType.Float:
      if (typeof value === 'number') return value;
      return typeof value === 'boolean' ? (value ? 1 : 0) : null;
    default: {
      const n = typeof value === 'boolean' ? (value ? 1 : 0) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) return null;
      const range = INT_RANGE[type];
      const i = Math.trunc(n);
      return range !== undefined && (i < range[0] || i > range[1]) ? null : i;
    }
  }
}

/** Sparkplug quality codes (Payloads, "Quality Codes"): a property `Quality`, Int32, only when not GOOD. */
export const QUALITY_CODE = { good: 192, bad: 0, stale: 500 } as const;

/**
 * The quality properties of a value: none when good; otherwise `Quality` (0 BAD or 500 STALE; uncertain has no
 * Sparkplug code, so it is sent as BAD, the safe side) and `QualityText` with PlantBridge's own word for it.
 */
export function qualityProperties(quality: Quality): SpProperty[] | undefined {
  if (quality === 'good') return undefined;
  const code = quality === 'stale' ? QUALITY_CODE.stale : QUALITY_CODE.bad;
  return [
    { key: 'Quality', type: SpType.Int32, value: code },
    { key: 'QualityText', type: SpType.String, value: quality },
  ];
}
