// `POST /api/tags/import` and `GET /api/tags/export`: parse and check a tag file in chunks (the event loop gets a
// turn every few hundred rows, progress goes out as the `tagImport` event), answer with the diff, and with
// `apply=true` write the result through the project store, audited. All-or-nothing: one bad row, nothing applied.
import { performance } from 'node:perf_hooks';
import type { ParsedArgs, TagImportProgressDto, TagImportResultDto, TextFileDto } from '../contract/index.js';
import {
  exportTags, parseTags, planImport, type ImportParams, type ImportProgress, type ImportSteps, type PlanItem,
} from '../domain/tag-project/index.js';
import type { AuditEntry } from '../services/ports.js';
import type { ProjectStore } from './project-store.js';
import { ProjectValidationError } from './project-store.js';
import { settingsFileForm } from './project-file-form.js';
import { RequestError } from './request-error.js';
import { checkCandidate, normalizeSettings, sectionOf, withSection } from './tag-project-section.js';

export interface TagImportDeps {
  project: () => ProjectStore | null;
  audit(entry: AuditEntry): Promise<number>;
  progress(p: TagImportProgressDto): void;
  /** Time of the audit rows (the app's clock). */
  now(): number;
}

const LIST_LIMIT = 1000;
const PROGRESS_EVERY_MS = 200;

/** Runs a step generator, yielding to the event loop between chunks and reporting progress now and then. */
async function drive<T>(steps: ImportSteps<T>, report: (p: ImportProgress) => void): Promise<T> {
  let last = 0;
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    const now = Date.now();
    if (now - last >= PROGRESS_EVERY_MS) {
      report(r.value);
      last = now;
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function paramsOf(a: { source?: string | undefined; site?: string | undefined; area?: string | undefined; channel?: string | undefined; device?: string | undefined; nodeIdPrefix?: string | undefined }): ImportParams {
  return { source: a.source, site: a.site, area: a.area, channel: a.channel, device: a.device, nodeIdPrefix: a.nodeIdPrefix };
}

const first = (items: PlanItem[]) => items.slice(0, LIST_LIMIT);
const ms = (v: number) => Math.round(v * 10) / 10;

export function createTagImportHandlers(d: TagImportDeps) {
  const storeOrFail = () => {
    const store = d.project();
    if (!store) throw new RequestError(409, 'this PlantBridge has no project file to edit (start it with serve --config FILE or a data dir)');
    return store;
  };
  return {
    importTags: async (a: ParsedArgs<'importTags'>, caller: { user: string; via: string }): Promise<TagImportResultDto> => {
      const store = storeOrFail();
      const base = store.current();
      const t0 = performance.now();
      const report = (p: ImportProgress) => d.progress(p);
      const parsed = await drive(parseTags(a.format, a.content, paramsOf(a), sectionOf(base), normalizeSettings), report);
      const t1 = performance.now();
      const plan = await drive(planImport(sectionOf(base), parsed, a.mode), report);
      const t2 = performance.now();
      if (plan.errors.length === 0) plan.errors.push(...(await drive(checkCandidate(plan), report)));
      const t3 = performance.now();
      const result: TagImportResultDto = {
        format: a.format,
        mode: a.mode,
        applied: false,
        counts: {
          rows: parsed.tags.length + new Set(parsed.errors.map((e) => e.row)).size,
          added: plan.added.length, changed: plan.changed.length, unchanged: plan.unchanged, removed: plan.removed.length,
          errors: plan.errors.length,
        },
        added: first(plan.added), changed: first(plan.changed), removed: first(plan.removed),
        groupsAdded: plan.groupsAdded, connectionsAdded: plan.connectionsAdded,
        errors: plan.errors.slice(0, LIST_LIMIT), warnings: plan.warnings.slice(0, LIST_LIMIT),
        timingsMs: { parse: ms(t1 - t0), diff: ms(t2 - t1), validate: ms(t3 - t2), apply: 0, total: ms(t3 - t0) },
      };
      const nothingToDo = plan.added.length + plan.changed.length + plan.removed.length + plan.connectionsAdded.length === 0;
      if (!a.apply || plan.errors.length > 0 || nothingToDo) {
        d.progress({ phase: 'done', done: 1, total: 1 });
        return result;
      }
      d.progress({ phase: 'apply', done: 0, total: 1 });
      const summary = `tag import (${a.format}, ${a.mode}): ${plan.added.length} added, ${plan.changed.length} changed, ` +
        `${plan.removed.length} removed, ${plan.connectionsAdded.length} connections added`;
      const audit = (status: string, message: string) =>
        d.audit({ ts: d.now(), user: caller.user, via: caller.via, action: 'project-edit', tag: '', oldValue: null, newValue: null, status, message });
      await audit('requested', summary);
      try {
        await store.update((draft) => {
          // Planned against `base`: an edit in between would be overwritten, so the import is refused instead.
          if (store.current() !== base) throw new RequestError(409, 'the project changed while the file was checked: import it again');
          return withSection(draft, plan.next);
        }, caller, summary);
      } catch (err) {
        const message = err instanceof ProjectValidationError || err instanceof RequestError ? err.message : `could not write ${store.file}`;
        await audit('refused', `${summary}: ${message}`);
        if (err instanceof RequestError) throw err;
        if (err instanceof ProjectValidationError) throw new RequestError(422, err.message);
        throw err;
      }
      await audit('Good', `${summary} → ${store.file}`);
      const t4 = performance.now();
      d.progress({ phase: 'done', done: 1, total: 1 });
      return { ...result, applied: true, projectFile: store.file, timingsMs: { ...result.timingsMs, apply: ms(t4 - t3), total: ms(t4 - t0) } };
    },
    exportTags: async (a: ParsedArgs<'exportTags'>): Promise<TextFileDto> => {
      const project = storeOrFail().current();
      if (a.source !== undefined && !project.sources.some((s) => s.id === a.source)) throw new RequestError(404, `no connection ${a.source}`);
      if (a.format === 'kepware' && a.source === undefined && project.sources.length > 1) {
        throw new RequestError(400, 'source: a Kepware export is per connection (give source)');
      }
      const file = exportTags(a.format, sectionOf(project), paramsOf(a), settingsFileForm);
      const name = a.format === 'opcpublisher' ? 'publishednodes' : `plantbridge-tags${a.format === 'kepware' ? '-kepware' : ''}`;
      return { kind: 'text-file', contentType: file.contentType, filename: `${name}${a.source ? `-${a.source}` : ''}.${file.extension}`, body: file.body };
    },
  };
}
