// SenML-JSON (RFC 8428, content format 110) as LwM2M 1.1 uses it: one record per resource (instance), names
// relative to a base name. Decoding is strict: a payload that is not a well-formed record list is refused.
import type { ResourceType, ResourceValue } from './model.js';

export interface SenmlEntry {
  /** Full path of the resource or resource instance, e.g. `/3/0/0` or `/3/0/11/0`. */
  path: string;
  type: ResourceType;
  value: ResourceValue;
}

type Record_ = { bn?: string; n?: string; v?: number; vs?: string; vb?: boolean; vd?: string };

/** Encodes entries under a common base name (the request path's parent level, ending with `/`). */
export function encodeSenml(baseName: string, entries: SenmlEntry[]): string {
  const records: Record_[] = entries.map((e, i) => {
    const rec: Record_ = {};
    if (i === 0) rec.bn = baseName;
    rec.n = e.path.startsWith(baseName) ? e.path.slice(baseName.length) : e.path;
    const v = e.value;
    if (e.type === 'opaque' && v instanceof Uint8Array) rec.vd = Buffer.from(v).toString('base64url');
    else if (e.type === 'boolean') rec.vb = v === true;
    else if (typeof v === 'number') rec.v = v;
    else rec.vs = typeof v === 'string' ? v : String(v);
    return rec;
  });
  return JSON.stringify(records);
}

export interface SenmlRecord {
  /** bn + n, e.g. `/1/0/1`. */
  name: string;
  value: ResourceValue;
}

export type SenmlDecoded = { ok: true; records: SenmlRecord[] } | { ok: false; reason: string };

const VALUE_KEYS = ['v', 'vs', 'vb', 'vd'] as const;

export function decodeSenml(text: string): SenmlDecoded {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the payload is not JSON' };
  }
  if (!Array.isArray(doc) || doc.length === 0) return { ok: false, reason: 'SenML must be a non-empty array of records' };
  if (doc.length > 1000) return { ok: false, reason: 'more than 1000 SenML records' };
  const records: SenmlRecord[] = [];
  let bn = '';
  for (const [i, raw] of doc.entries()) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: `record ${i} is not an object` };
    const rec = raw as Record<string, unknown>;
    for (const key of Object.keys(rec)) {
      if (key.endsWith('_')) return { ok: false, reason: `record ${i} has a must-understand field "${key}"` };
    }
    if (rec.bn !== undefined) {
      if (typeof rec.bn !== 'string') return { ok: false, reason: `record ${i}: bn must be a string` };
      bn = rec.bn;
    }
    if (rec.n !== undefined && typeof rec.n !== 'string') return { ok: false, reason: `record ${i}: n must be a string` };
    const name = bn + (typeof rec.n === 'string' ? rec.n : '');
    if (name === '') return { ok: false, reason: `record ${i} has no name` };
    const present = VALUE_KEYS.filter((k) => rec[k] !== undefined);
    if (present.length !== 1) return { ok: false, reason: `record ${i} must have exactly one value (v, vs, vb or vd)` };
    const value = readValue(rec, present[0] as (typeof VALUE_KEYS)[number]);
    if (value === null) return { ok: false, reason: `record ${i}: the value does not match its field` };
    records.push({ name, value });
  }
  return { ok: true, records };
}

function readValue(rec: Record<string, unknown>, key: (typeof VALUE_KEYS)[number]): ResourceValue | null {
  const v = rec[key];
  switch (key) {
    case 'v':
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    case 'vs':
      return typeof v === 'string' ? v : null;
    case 'vb':
      return typeof v === 'boolean' ? v : null;
    case 'vd':
      return typeof v === 'string' && /^[A-Za-z0-9_\-+/]*={0,2}$/.test(v) ? new Uint8Array(Buffer.from(v, 'base64')) : null;
  }
}
