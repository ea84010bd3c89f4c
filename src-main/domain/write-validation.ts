// The allow-list, type and range checks every write passes before it may reach a plant server,
// whichever path it came from (UI, API, bridge OPC UA server). Answers use OPC UA status code names.
import type { TagDataType, TagValue } from '../contract/index.js';
import type { TagDef } from './tags.js';

export type WriteCheck =
  | { ok: true; value: TagValue }
  | { ok: false; status: 'BadNodeIdUnknown' | 'BadNotWritable' | 'BadTypeMismatch' | 'BadOutOfRange'; message: string };

const INTEGER_RANGES: Partial<Record<TagDataType, [number, number]>> = {
  Int16: [-32768, 32767],
  UInt16: [0, 65535],
  Int32: [-2147483648, 2147483647],
  UInt32: [0, 4294967295],
};

function checkType(tag: TagDef, value: unknown): WriteCheck {
  const type = tag.dataType;
  if (type === 'Boolean') {
    return typeof value === 'boolean'
      ? { ok: true, value }
      : { ok: false, status: 'BadTypeMismatch', message: `${tag.id} takes true or false, not ${JSON.stringify(value)}` };
  }
  if (type === 'String') {
    return typeof value === 'string'
      ? { ok: true, value }
      : { ok: false, status: 'BadTypeMismatch', message: `${tag.id} takes text, not ${JSON.stringify(value)}` };
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { ok: false, status: 'BadTypeMismatch', message: `${tag.id} takes a finite number (${type}), not ${String(JSON.stringify(value) ?? value)}` };
  }
  const intRange = INTEGER_RANGES[type];
  if (intRange) {
    if (!Number.isInteger(value)) {
      return { ok: false, status: 'BadTypeMismatch', message: `${tag.id} takes a whole number (${type}), not ${value}` };
    }
    if (value < intRange[0] || value > intRange[1]) {
      return { ok: false, status: 'BadOutOfRange', message: `${value} does not fit ${type} (${intRange[0]}…${intRange[1]})` };
    }
  }
  return { ok: true, value };
}

export function validateWrite(tag: TagDef | undefined, tagId: string, value: unknown): WriteCheck {
  if (!tag) return { ok: false, status: 'BadNodeIdUnknown', message: `unknown tag ${tagId}` };
  if (!tag.writable) {
    return { ok: false, status: 'BadNotWritable', message: `${tag.id} is not on the write allow-list (tagSettings.writable)` };
  }
  const typed = checkType(tag, value);
  if (!typed.ok) return typed;
  const range = tag.euRange;
  if (range && typeof typed.value === 'number' && (typed.value < range.low || typed.value > range.high)) {
    return {
      ok: false,
      status: 'BadOutOfRange',
      message: `${typed.value} ${tag.unit} is outside the range of ${tag.id} (${range.low}…${range.high} ${tag.unit})`.replace(/ +\)/g, ')'),
    };
  }
  return typed;
}
