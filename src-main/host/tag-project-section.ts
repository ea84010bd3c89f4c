// Between the project file and the tag import's pure model: the tag section of a project, writing a planned
// section back into a project draft, and the project schema's checks mapped back to file rows.
import type { RowError, SettingsNormalizer, TagSection, TagSettingsSpec } from '../domain/tag-project/index.js';
import { ROWS_PER_STEP } from '../domain/tag-project/steps.js';
import type { ImportPlan, ImportSteps } from '../domain/tag-project/index.js';
import { sourceSchema, tagSettingsSchema, type ProjectConfig } from './config-schema.js';
import { settingsFileForm } from './project-file-form.js';

export function sectionOf(project: ProjectConfig): TagSection {
  return { sources: project.sources, tagSettings: project.tagSettings };
}

/** The draft with the planned sources (tags, groups, new connections with the schema's defaults) and tagSettings. */
export function withSection(draft: ProjectConfig, next: TagSection): ProjectConfig {
  const byId = new Map(draft.sources.map((s) => [s.id, s]));
  const sources = next.sources.map((s) => {
    const existing = byId.get(s.id);
    if (existing) return { ...existing, groups: s.groups, tags: s.tags };
    return sourceSchema.parse({
      id: s.id, endpointUrl: s.endpointUrl, groups: s.groups, tags: s.tags,
      ...(s.securityMode === 'None' ? { securityMode: 'None', securityPolicy: 'None' } : {}),
    });
  });
  return { ...draft, sources, tagSettings: next.tagSettings as ProjectConfig['tagSettings'] };
}

/** One tagSettings entry of an imported PlantBridge JSON file, checked and normalized by the project schema. */
export const normalizeSettings: SettingsNormalizer = (raw) => {
  const r = tagSettingsSchema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data as TagSettingsSpec };
  return { ok: false, issues: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
};

/** Checks every added or changed tag (and each edited connection) with the project schema, as the project store
 * will before writing, in chunks so a 10,000-tag import leaves the event loop free; each problem is reported on the
 * file row of its tag. */
export function* checkCandidate(plan: ImportPlan): ImportSteps<RowError[]> {
  const errors: RowError[] = [];
  const tagSchema = sourceSchema.shape.tags.unwrap().element;
  const specOf = new Map<string, TagSection['sources'][number]['tags'][number]>();
  for (const s of plan.next.sources) for (const t of s.tags) specOf.set(t.id, t);
  const items = [...plan.added, ...plan.changed];
  const issuesAt = (row: number, prefix: string, issues: readonly { path: readonly PropertyKey[]; message: string }[]) => {
    for (const i of issues) errors.push({ row, column: 0, header: [prefix, ...i.path.map(String)].join('.'), message: i.message });
  };
  for (const s of plan.next.sources) {
    const r = sourceSchema.safeParse({ id: s.id, endpointUrl: s.endpointUrl, groups: s.groups });
    if (!r.success) issuesAt(0, `sources.${s.id}`, r.error.issues);
  }
  for (let k = 0; k < items.length; k++) {
    const item = items[k];
    if (!item) continue;
    if ((k + 1) % ROWS_PER_STEP === 0) yield { phase: 'validate', done: k + 1, total: items.length };
    const row = item.row ?? 0;
    const tag = specOf.get(item.id);
    const t = tag ? tagSchema.safeParse(tag) : undefined;
    if (t && !t.success) issuesAt(row, `sources.${item.source}.tags.${item.id}`, t.error.issues);
    const settings = plan.next.tagSettings[item.id];
    const r = settings ? tagSettingsSchema.safeParse(settingsFileForm(settings)) : undefined;
    if (r && !r.success) issuesAt(row, `tagSettings.${item.id}`, r.error.issues);
  }
  return errors;
}
