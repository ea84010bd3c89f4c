// Conversions between OPC UA values and the bridge's plain values, kept cheap: they run once per sample.
import { DataType, Variant, VariantArrayType, coerceInt64, coerceUInt64, type DataValue, type StatusCode } from 'node-opcua';
import type { Quality, TagDataType, TagValue } from '../../../contract/index.js';

const TWO_POW_32 = 4294967296;

/** good / uncertain / bad from the two severity bits of the status code. */
export function qualityOf(statusCode: StatusCode): Quality {
  const severity = statusCode.value >>> 30;
  return severity === 0 ? 'good' : severity === 1 ? 'uncertain' : 'bad';
}

/** Source timestamp in ms, else server timestamp, else `now`. */
export function timestampOf(dataValue: DataValue, now: number): number {
  const source = dataValue.sourceTimestamp;
  if (source) return source.getTime();
  const server = dataValue.serverTimestamp;
  return server ? server.getTime() : now;
}

export function plainValue(variant: Variant | null | undefined): TagValue {
  if (!variant) return null;
  const value: unknown = variant.value;
  switch (typeof value) {
    case 'number':
    case 'boolean':
    case 'string':
      return value;
    case 'bigint':
      return Number(value);
    default:
      break;
  }
  if (value === null || value === undefined) return null;
  if (variant.dataType === DataType.Int64 || variant.dataType === DataType.UInt64) {
    // node-opcua carries 64-bit integers as [high, low] 32-bit words.
    const words = value as [number, number];
    const high = variant.dataType === DataType.Int64 ? words[0] | 0 : words[0];
    return high * TWO_POW_32 + words[1];
  }
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'object' && 'text' in value) {
    const text = (value as { text: unknown }).text;
    return typeof text === 'string' ? text : null;
  }
  return String(value);
}

/** The bridge's data type for an OPC UA built-in type (the closest one where the contract has no exact match). */
export function tagDataTypeOf(builtIn: DataType): TagDataType {
  switch (builtIn) {
    case DataType.Boolean:
      return 'Boolean';
    case DataType.SByte:
    case DataType.Int16:
      return 'Int16';
    case DataType.Byte:
    case DataType.UInt16:
      return 'UInt16';
    case DataType.Int32:
      return 'Int32';
    case DataType.UInt32:
      return 'UInt32';
    case DataType.Float:
      return 'Float';
    case DataType.String:
    case DataType.LocalizedText:
    case DataType.ByteString:
      return 'String';
    default:
      return 'Double';
  }
}

export function isNumericType(builtIn: DataType): boolean {
  return builtIn >= DataType.SByte && builtIn <= DataType.Double;
}

const INTEGER_RANGES: Partial<Record<DataType, [number, number]>> = {
  [DataType.SByte]: [-128, 127],
  [DataType.Byte]: [0, 255],
  [DataType.Int16]: [-32768, 32767],
  [DataType.UInt16]: [0, 65535],
  [DataType.Int32]: [-2147483648, 2147483647],
  [DataType.UInt32]: [0, 4294967295],
  [DataType.Int64]: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  [DataType.UInt64]: [0, Number.MAX_SAFE_INTEGER],
};

/** A variant of the node's built-in type, or the status code name explaining why the value does not fit. */
export function toVariant(builtIn: DataType, value: TagValue): Variant | string {
  if (value === null) return 'BadTypeMismatch';
  if (builtIn === DataType.Boolean) {
    if (typeof value === 'boolean') return new Variant({ dataType: DataType.Boolean, value });
    if (value === 1 || value === 0) return new Variant({ dataType: DataType.Boolean, value: value === 1 });
    if (value === 'true' || value === 'false') return new Variant({ dataType: DataType.Boolean, value: value === 'true' });
    return 'BadTypeMismatch';
  }
  if (builtIn === DataType.String) return new Variant({ dataType: DataType.String, value: String(value) });
  if (builtIn === DataType.LocalizedText) return new Variant({ dataType: DataType.LocalizedText, value: { text: String(value) } });
  const number = typeof value === 'number' ? value : typeof value === 'boolean' ? Number(value) : Number(value.trim());
  if (!Number.isFinite(number) || (typeof value === 'string' && value.trim() === '')) return 'BadTypeMismatch';
  if (builtIn === DataType.Double || builtIn === DataType.Float) return new Variant({ dataType: builtIn, value: number });
  const range = INTEGER_RANGES[builtIn];
  if (!range) return 'BadTypeMismatch';
  if (!Number.isInteger(number)) return 'BadTypeMismatch';
  if (number < range[0] || number > range[1]) return 'BadOutOfRange';
  // node-opcua cannot tell a 64-bit scalar ([high, low]) from an array without being told.
  if (builtIn === DataType.Int64) return new Variant({ dataType: builtIn, arrayType: VariantArrayType.Scalar, value: coerceInt64(number) });
  if (builtIn === DataType.UInt64) return new Variant({ dataType: builtIn, arrayType: VariantArrayType.Scalar, value: coerceUInt64(number) });
  return new Variant({ dataType: builtIn, value: number });
}

/** The built-in type to write when the server did not tell (the tag's configured type). */
export function builtInOf(tagType: TagDataType): DataType {
  return DataType[tagType];
}
