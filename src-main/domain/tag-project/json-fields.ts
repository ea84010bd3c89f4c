// Reading fields of an imported JSON document with their path, for the JSON formats' row errors.

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseJsonText(text: string): { ok: true; value: Json } | { ok: false; message: string } {
  try {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    return { ok: true, value: JSON.parse(body) as Json };
  } catch (err) {
    return { ok: false, message: `not valid JSON: ${(err as Error).message}` };
  }
}

/** Case-insensitive member lookup (OPC Publisher files are written with varying case). */
export function member(obj: Record<string, Json>, name: string): Json | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return obj[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

export function optionalNumber(v: Json | undefined, path: string, fail: (path: string, message: string) => void): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  fail(path, `expected a number, got ${JSON.stringify(v)}`);
  return undefined;
}

export function optionalString(v: Json | undefined, path: string, fail: (path: string, message: string) => void): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  fail(path, `expected a string, got ${JSON.stringify(v)}`);
  return undefined;
}
