// PlantBridge tag project JSON (versioned): the tag section of a project file, `{format: "plantbridge-tags",
// version: 1, sources: [{id, endpointUrl?, groups, tags: [{id, nodeId, group}]}], tagSettings: {<id>: {…}}}`.
// A whole project file is accepted too (only its sources' tags and groups and its tagSettings are read).
import * as f from './fields.js';
import { isObject, parseJsonText, type Json } from './json-fields.js';
import {
  DEFAULT_GROUP, DEFAULT_PUBLISHING_MS, DEFAULT_SAMPLING_MS, emptyParsed,
  type GroupSpec, type ImportedTag, type ParsedImport, type TagSection, type TagSettingsSpec,
} from './model.js';
import { ROWS_PER_STEP, type ImportSteps } from './steps.js';

export const TAG_PROJECT_FORMAT = 'plantbridge-tags';
export const TAG_PROJECT_VERSION = 1;

/** Validates one `tagSettings` entry in its file form and returns it normalized (the host injects the project
 * schema here; the domain stays free of the schema library). */
export type SettingsNormalizer = (
  raw: unknown,
) => { ok: true; value: TagSettingsSpec } | { ok: false; issues: { path: string; message: string }[] };

export function* parseTagJson(text: string, section: TagSection, normalize: SettingsNormalizer): ImportSteps<ParsedImport> {
  const out = emptyParsed();
  const fail = (row: number, path: string, message: string) => out.errors.push({ row, column: 0, header: path, message });
  const doc = parseJsonText(text);
  if (!doc.ok) {
    fail(0, '(file)', doc.message);
    return out;
  }
  const root = doc.value;
  if (!isObject(root)) {
    fail(0, '(file)', 'expected a JSON object with "sources" and "tagSettings"');
    return out;
  }
  if (root.format !== undefined && root.format !== TAG_PROJECT_FORMAT) fail(0, 'format', `expected "${TAG_PROJECT_FORMAT}"`);
  if (root.version !== undefined && root.version !== TAG_PROJECT_VERSION) {
    fail(0, 'version', `version ${JSON.stringify(root.version)} is not supported (this PlantBridge reads version ${TAG_PROJECT_VERSION})`);
  }
  const sources = root.sources ?? [];
  if (!Array.isArray(sources)) fail(0, 'sources', 'expected an array');
  const settingsRoot = root.tagSettings ?? {};
  if (!isObject(settingsRoot)) fail(0, 'tagSettings', 'expected an object keyed by tag id');
  if (out.errors.length > 0 || !Array.isArray(sources) || !isObject(settingsRoot)) return out;

  let row = 0;
  const rowOf = new Map<string, ImportedTag>();
  const total = sources.reduce<number>((n, s) => n + (isObject(s) && Array.isArray(s.tags) ? s.tags.length : 0), 0);
  for (const [si, s] of sources.entries()) {
    const at = `sources[${si}]`;
    if (!isObject(s) || typeof s.id !== 'string') {
      fail(0, `${at}.id`, 'expected a source object with an "id"');
      continue;
    }
    const sourceId = s.id;
    if (!section.sources.some((x) => x.id === sourceId)) {
      if (typeof s.endpointUrl === 'string' && /^opc\.tcp:\/\/\S+$/.test(s.endpointUrl)) {
        out.connections.push({ id: sourceId, endpointUrl: s.endpointUrl, securityMode: s.securityMode === 'None' ? 'None' : 'SignAndEncrypt' });
      }
    }
    for (const [gi, g] of (Array.isArray(s.groups) ? s.groups : []).entries()) {
      const group = readGroup(g, `${at}.groups[${gi}]`, (p, m) => fail(0, p, m));
      if (group) out.groups.push({ source: sourceId, group });
    }
    for (const [ti, t] of (Array.isArray(s.tags) ? s.tags : []).entries()) {
      row++;
      const path = `${at}.tags[${ti}]`;
      if (!isObject(t)) {
        fail(row, path, 'expected {id, nodeId, group}');
        continue;
      }
      const id = typeof t.id === 'string' ? f.checkTagId(t.id) : { ok: false as const, message: 'a tag id is required' };
      const nodeId = f.checkNodeId(typeof t.nodeId === 'string' ? t.nodeId : '');
      if (!id.ok) fail(row, `${path}.id`, id.message);
      if (!nodeId.ok) fail(row, `${path}.nodeId`, nodeId.message);
      if (t.group !== undefined && (typeof t.group !== 'string' || t.group === '')) fail(row, `${path}.group`, 'expected a group name');
      if (!id.ok || !nodeId.ok) continue;
      const tag: ImportedTag = {
        row, id: id.value, source: sourceId, nodeId: nodeId.value,
        group: typeof t.group === 'string' && t.group !== '' ? t.group : DEFAULT_GROUP,
        // A tag without an entry in tagSettings has no settings: every field is cleared.
        settings: { writable: null, remoteWrite: null, uplink: null, deadband: null, unit: null, description: null, alarms: null },
        places: { id: { column: 0, header: `${path}.id` }, source: { column: 0, header: `${at}.id` }, group: { column: 0, header: `${path}.group` } },
      };
      out.tags.push(tag);
      if (!rowOf.has(tag.id)) rowOf.set(tag.id, tag);
      if (row % ROWS_PER_STEP === 0) yield { phase: 'parse', done: row, total };
    }
  }
  for (const [id, raw] of Object.entries(settingsRoot)) {
    const tag = rowOf.get(id);
    const path = `tagSettings.${id}`;
    if (!tag) {
      out.warnings.push(`${path}: no tag ${id} in this file's sources: ignored`);
      continue;
    }
    const r = normalize(raw);
    if (!r.ok) {
      for (const issue of r.issues) fail(tag.row, issue.path ? `${path}.${issue.path}` : path, issue.message);
      continue;
    }
    tag.settings = { ...tag.settings, ...r.value };
  }
  return out;
}

function readGroup(g: Json, path: string, fail: (path: string, message: string) => void): GroupSpec | null {
  if (!isObject(g) || typeof g.name !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(g.name)) {
    fail(`${path}.name`, 'expected a group with a name of letters, digits, "_", "-" or "."');
    return null;
  }
  const num = (key: string, def: number, min: number, max: number): number => {
    const v = g[key];
    if (v === undefined) return def;
    if (typeof v !== 'number' || v < min || v > max) fail(`${path}.${key}`, `expected a number from ${min} to ${max}`);
    return typeof v === 'number' ? v : def;
  };
  const deadband = g.deadband;
  let db: GroupSpec['deadband'] = null;
  if (isObject(deadband)) {
    const parsed = f.parseDeadband(`${String(deadband.value)}${deadband.kind === 'percent' ? '%' : ''}`);
    if (parsed.ok && (deadband.kind === 'percent' || deadband.kind === 'absolute')) db = parsed.value;
    else fail(`${path}.deadband`, 'expected {kind: "absolute"|"percent", value: ≥ 0}');
  }
  return {
    name: g.name,
    samplingIntervalMs: num('samplingIntervalMs', DEFAULT_SAMPLING_MS, 0, 3_600_000),
    publishingIntervalMs: num('publishingIntervalMs', DEFAULT_PUBLISHING_MS, 10, 3_600_000),
    queueSize: num('queueSize', 10, 1, 10_000),
    deadband: db,
  };
}

/** The tag section as PlantBridge tag project JSON, two-space indented (diffable). `fileForm` turns each settings
 * entry into its project-file form (alarm level objects folded back). */
export function writeTagJson(section: TagSection, fileForm: (s: TagSettingsSpec) => unknown, source?: string): string {
  const sources = section.sources.filter((s) => source === undefined || s.id === source);
  const tagSettings: Record<string, unknown> = {};
  for (const s of sources) {
    for (const t of s.tags) {
      const settings = section.tagSettings[t.id];
      if (settings && Object.keys(settings).length > 0) tagSettings[t.id] = fileForm(settings);
    }
  }
  const doc = {
    format: TAG_PROJECT_FORMAT,
    version: TAG_PROJECT_VERSION,
    sources: sources.map((s) => ({ id: s.id, endpointUrl: s.endpointUrl, securityMode: s.securityMode, groups: s.groups, tags: s.tags })),
    tagSettings,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
