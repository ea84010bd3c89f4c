// Turns parsed rows into a plan against the project's tag section: what is added, changed, unchanged and (with
// `replace`) removed, the groups and connections that have to be created, and the errors that block the import.
// The plan carries the next tag section; nothing is applied when `errors` is not empty (all-or-nothing).
import { checkLimitOrder } from './csv-format.js';
import {
  DEFAULT_GROUP, DEFAULT_PUBLISHING_MS, DEFAULT_SAMPLING_MS, groupNameFor,
  type GroupSpec, type ImportedTag, type NewConnection, type ParsedImport, type RowError, type SourceSection,
  type TagSection, type TagSettingsSpec,
} from './model.js';
import { canonical, changedSettings, mergeSettings } from './settings-merge.js';
import { ROWS_PER_STEP, type ImportSteps } from './steps.js';

export type ImportMode = 'merge' | 'replace';

export interface PlanItem {
  id: string;
  source: string;
  /** The row of the file (absent for removed tags). */
  row?: number;
  /** Changed fields: nodeId, group, source and the settings keys. */
  fields?: string[];
}

export interface ImportPlan {
  added: PlanItem[];
  changed: PlanItem[];
  unchanged: number;
  removed: PlanItem[];
  groupsAdded: { source: string; name: string; samplingIntervalMs: number; publishingIntervalMs: number }[];
  connectionsAdded: NewConnection[];
  errors: RowError[];
  warnings: string[];
  next: TagSection;
}

interface Located {
  source: string;
  index: number;
}

export function* planImport(section: TagSection, parsed: ParsedImport, mode: ImportMode): ImportSteps<ImportPlan> {
  const errors: RowError[] = [...parsed.errors];
  const plan: ImportPlan = {
    added: [], changed: [], unchanged: 0, removed: [], groupsAdded: [], connectionsAdded: [], errors, warnings: [...parsed.warnings],
    next: { sources: section.sources.map((s) => ({ ...s, groups: [...s.groups], tags: s.tags.map((t) => ({ ...t })) })), tagSettings: { ...section.tagSettings } },
  };
  const sources = new Map<string, SourceSection>(plan.next.sources.map((s) => [s.id, s]));
  for (const c of parsed.connections) {
    if (sources.has(c.id)) continue;
    const s: SourceSection = { id: c.id, endpointUrl: c.endpointUrl, securityMode: c.securityMode, groups: [], tags: [] };
    plan.next.sources.push(s);
    sources.set(c.id, s);
    plan.connectionsAdded.push(c);
  }
  for (const { source, group } of parsed.groups) addGroup(plan, sources.get(source), group);

  const where = new Map<string, Located>();
  for (const s of plan.next.sources) s.tags.forEach((t, index) => where.set(t.id, { source: s.id, index }));
  const seen = new Map<string, number>();
  const touched = new Set<string>();
  const fail = (t: ImportedTag, field: string, message: string) => {
    const p = t.places[field] ?? t.places.id ?? t.places.name ?? { column: 0, header: field };
    errors.push({ row: t.row, column: p.column, header: p.header, message });
  };

  const total = parsed.tags.length;
  for (let i = 0; i < total; i++) {
    const t = parsed.tags[i];
    if (!t) continue;
    if ((i + 1) % ROWS_PER_STEP === 0) yield { phase: 'diff', done: i + 1, total };
    const firstRow = seen.get(t.id);
    if (firstRow !== undefined) {
      fail(t, 'id', `tag ${t.id} is already on row ${firstRow}`);
      continue;
    }
    seen.set(t.id, t.row);
    const src = sources.get(t.source);
    if (!src) {
      fail(t, 'source', `no connection "${t.source}" in the project (add it under Connections first)`);
      continue;
    }
    touched.add(src.id);
    const before = where.get(t.id);
    const oldSource = before ? sources.get(before.source) : undefined;
    const oldTag = before && oldSource ? oldSource.tags[before.index] : undefined;
    const group = resolveGroup(plan, src, t, oldTag?.group, fail);
    if (group === null) continue;
    const oldSettings: TagSettingsSpec = section.tagSettings[t.id] ?? {};
    const settings = mergeSettings(oldSettings, t.settings);
    if (t.settings.limits && settings.alarms) {
      checkLimitOrder(settings.alarms, (field, message) => fail(t, field, `${message} (with the tag's other limits)`));
    }
    const spec = { id: t.id, nodeId: t.nodeId, group };
    if (canonical(settings) === '{}') delete plan.next.tagSettings[t.id];
    else plan.next.tagSettings[t.id] = settings;
    if (!before || !oldTag || !oldSource) {
      src.tags.push(spec);
      where.set(t.id, { source: src.id, index: src.tags.length - 1 });
      plan.added.push({ id: t.id, source: src.id, row: t.row });
      continue;
    }
    const fields = changedSettings(oldSettings, settings);
    if (oldTag.nodeId !== spec.nodeId) fields.unshift('nodeId');
    if (oldTag.group !== spec.group) fields.unshift('group');
    if (oldSource.id !== src.id) {
      fields.unshift('source');
      oldSource.tags[before.index] = { ...oldTag, id: '' };
      src.tags.push(spec);
      where.set(t.id, { source: src.id, index: src.tags.length - 1 });
    } else oldSource.tags[before.index] = spec;
    if (fields.length > 0) plan.changed.push({ id: t.id, source: src.id, row: t.row, fields });
    else plan.unchanged++;
  }

  if (mode === 'replace') {
    for (const s of plan.next.sources) {
      if (!touched.has(s.id)) continue;
      for (const t of s.tags) {
        if (t.id === '' || seen.has(t.id)) continue;
        plan.removed.push({ id: t.id, source: s.id });
        delete plan.next.tagSettings[t.id];
        t.id = '';
      }
    }
  }
  for (const s of plan.next.sources) s.tags = s.tags.filter((t) => t.id !== '');
  return plan;
}

function addGroup(plan: ImportPlan, src: SourceSection | undefined, g: GroupSpec): void {
  if (!src || src.groups.some((x) => x.name === g.name)) return;
  src.groups.push(g);
  plan.groupsAdded.push({ source: src.id, name: g.name, samplingIntervalMs: g.samplingIntervalMs, publishingIntervalMs: g.publishingIntervalMs });
}

/** The tag's group: named, made for its sampling interval, or kept; null (with an error) on a conflict. */
function resolveGroup(
  plan: ImportPlan,
  src: SourceSection,
  t: ImportedTag,
  oldGroup: string | undefined,
  fail: (t: ImportedTag, field: string, message: string) => void,
): string | null {
  const sampling = t.samplingMs;
  if (t.group === undefined && sampling !== undefined) {
    // Only a sampling interval: the tag's own group if it fits, else any group of the connection that does.
    const fits = (g: GroupSpec) => g.samplingIntervalMs === sampling && (t.publishingMs === undefined || g.publishingIntervalMs === t.publishingMs);
    const own = src.groups.find((g) => g.name === oldGroup);
    const match = own && fits(own) ? own : src.groups.find(fits);
    if (match) return match.name;
  }
  const name = t.group ?? (sampling !== undefined ? groupNameFor(sampling, t.publishingMs) : (oldGroup ?? DEFAULT_GROUP));
  const existing = src.groups.find((g) => g.name === name);
  if (existing) {
    if (sampling !== undefined && existing.samplingIntervalMs !== sampling) {
      fail(t, 'samplingMs', `group ${name} of ${src.id} samples every ${existing.samplingIntervalMs} ms, not ${sampling} ms (leave samplingMs empty or name another group)`);
      return null;
    }
    if (t.publishingMs !== undefined && existing.publishingIntervalMs !== t.publishingMs) {
      fail(t, 'publishingMs', `group ${name} of ${src.id} publishes every ${existing.publishingIntervalMs} ms, not ${t.publishingMs} ms`);
      return null;
    }
    return name;
  }
  if (sampling === undefined && t.publishingMs === undefined) return name;
  addGroup(plan, src, {
    name,
    samplingIntervalMs: sampling ?? DEFAULT_SAMPLING_MS,
    publishingIntervalMs: Math.max(10, t.publishingMs ?? Math.max(DEFAULT_PUBLISHING_MS, sampling ?? 0)),
    queueSize: 10,
    deadband: null,
  });
  return name;
}
