// The project file as written back after an engineering edit: sections the edit did not touch keep their text
// exactly as the engineer wrote it; changed sections are written in their file form (the alarm limits' per-level
// objects folded back from the normalized `levels`), so the result parses to the same configuration again.
import type { AlarmLimits } from '../contract/index.js';
import type { ProjectConfig } from './config-schema.js';

type Json = unknown;

/** AlarmLimits → the file form: `{HH: {limit, priority, …}}` where a level had its own settings. */
export function alarmsFileForm(a: AlarmLimits): Record<string, unknown> {
  const { levels, ...rest } = a;
  const out: Record<string, unknown> = { ...rest };
  for (const level of ['HH', 'H', 'L', 'LL'] as const) {
    const limit = a[level];
    const tuning = levels?.[level];
    if (limit !== undefined && tuning && Object.keys(tuning).length > 0) out[level] = { limit, ...tuning };
  }
  return out;
}

export function settingsFileForm<T extends { alarms?: AlarmLimits | null | undefined }>(s: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) if (v !== undefined) out[k] = v;
  if (s.alarms) out.alarms = alarmsFileForm(s.alarms);
  return out;
}

function sectionFileForm(key: string, value: Json): Json {
  if (key !== 'tagSettings' || typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [id, s] of Object.entries(value as Record<string, { alarms?: AlarmLimits | null }>)) out[id] = settingsFileForm(s);
  return out;
}

function same(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The document to write: the raw file with each top-level section that changed replaced by its new file form. */
export function projectFileDocument(raw: Record<string, Json>, before: ProjectConfig, next: ProjectConfig): Record<string, Json> {
  const doc: Record<string, Json> = { ...raw };
  const keys = new Set([...Object.keys(before), ...Object.keys(next)]);
  for (const key of keys) {
    const b = (before as Record<string, Json>)[key];
    const n = (next as Record<string, Json>)[key];
    if (same(b, n)) continue;
    if (n === undefined) delete doc[key];
    else doc[key] = sectionFileForm(key, n);
  }
  return doc;
}
