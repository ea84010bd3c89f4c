// Plain text (content format 0) for single resources: LwM2M's textual encoding of each resource type.
import type { ResourceType, ResourceValue } from './model.js';

export function encodeText(type: ResourceType, value: ResourceValue): string | null {
  switch (type) {
    case 'boolean':
      return value === true ? '1' : '0';
    case 'integer':
    case 'time':
      return typeof value === 'number' ? String(Math.trunc(value)) : null;
    case 'float':
      return typeof value === 'number' ? String(value) : null;
    case 'string':
      return typeof value === 'string' ? value : String(value);
    default:
      return null;
  }
}

export type Decoded = { ok: true; value: ResourceValue } | { ok: false; reason: string };

/** Checks a textual value against the resource type: bad input gets a reason, never a coerced value. */
export function decodeText(type: ResourceType, text: string): Decoded {
  const t = text.trim();
  switch (type) {
    case 'string':
      return { ok: true, value: text };
    case 'boolean':
      if (t === '1' || t === 'true') return { ok: true, value: true };
      if (t === '0' || t === 'false') return { ok: true, value: false };
      return { ok: false, reason: `"${short(t)}" is not a boolean (0 or 1)` };
    case 'integer':
    case 'time':
      return /^-?\d{1,15}$/.test(t) ? { ok: true, value: Number(t) } : { ok: false, reason: `"${short(t)}" is not an integer` };
    case 'float': {
      const n = Number(t);
      return t !== '' && Number.isFinite(n) ? { ok: true, value: n } : { ok: false, reason: `"${short(t)}" is not a number` };
    }
    default:
      return { ok: false, reason: `a ${type} resource has no plain-text form` };
  }
}

/** Checks a value decoded from SenML against the resource type. */
export function checkValue(type: ResourceType, value: ResourceValue): Decoded {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? { ok: true, value } : { ok: false, reason: 'expected a string (vs)' };
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false, reason: 'expected a boolean (vb)' };
    case 'integer':
    case 'time':
      return typeof value === 'number' && Number.isSafeInteger(value)
        ? { ok: true, value }
        : { ok: false, reason: 'expected an integer (v)' };
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: 'expected a number (v)' };
    case 'opaque':
      return value instanceof Uint8Array ? { ok: true, value } : { ok: false, reason: 'expected opaque data (vd)' };
    default:
      return { ok: false, reason: 'the resource takes no value' };
  }
}

function short(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
