// Between the project file and the tag import's pure model: the tag section of a project, writing a planned
// section back into a project draft, and the project schema's checks mapped back to file rows.
import type { RowError, SettingsNormalizer, TagSection, TagSettingsSpec } from '../domain/tag-project/index.js';
import type { ImportPlan, PlanItem } from '../domain/tag-project/index.js';
import { configSchema, sourceSchema, tagSettingsSchema, type ProjectConfig } from './config-schema.js';
import { projectFileDocument } from './project-file-form.js';

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

/** Runs the whole edited project through the project schema (what the project store will do before writing) and
 * reports each problem on the file row of the tag it concerns. */
export function checkCandidate(project: ProjectConfig, plan: ImportPlan): RowError[] {
  const candidate = withSection(structuredClone(project), plan.next);
  // Only the changed sections are written out (the others take their defaults): those are what the import can break.
  const result = configSchema.safeParse(projectFileDocument({}, project, candidate));
  if (result.success) return [];
  const rows = new Map<string, number>();
  const note = (items: PlanItem[]) => {
    for (const i of items) if (i.row !== undefined) rows.set(i.id, i.row);
  };
  note(plan.added);
  note(plan.changed);
  return result.error.issues.map((issue) => {
    const path = issue.path.map(String);
    let id: string | undefined;
    if (path[0] === 'tagSettings') id = path[1];
    if (path[0] === 'sources' && path[2] === 'tags') id = candidate.sources[Number(path[1])]?.tags[Number(path[3])]?.id;
    return { row: (id && rows.get(id)) || 0, column: 0, header: path.join('.'), message: issue.message };
  });
}
