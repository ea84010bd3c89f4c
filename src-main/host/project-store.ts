// The project file as an editable document: load, validate, atomic save (tmp + fsync + rename), audit, change events.
// Engineering edits (connections, tag imports) go through `update()`: the edit is validated by the project schema
// first and nothing is written when it is refused. Sections an edit does not change keep their text as written by
// the user (no defaults are filled in), so the file stays small and diffable; changed sections are written in their
// file form (project-file-form.ts). Without `--config` the file is <data-dir>/project.json, created on the first edit.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Disposable, Log } from '../services/ports.js';
import { formatConfigIssues, UsageError } from './config-load.js';
import { configSchema, type ProjectConfig } from './config-schema.js';
import { projectFileDocument } from './project-file-form.js';

/** An edit refused by the project schema: `issues` name each field path and what was expected. */
export class ProjectValidationError extends Error {
  override readonly name = 'ProjectValidationError';
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(message);
  }
}

export interface ProjectEditor {
  user: string;
  via: string;
}

/** Called after every successful save, with the top-level sections that changed. */
export type ProjectAudit = (entry: { who: ProjectEditor; file: string; sections: string[]; summary: string }) => Promise<void> | void;

export type ProjectChangeListener = (next: ProjectConfig, previous: ProjectConfig) => void | Promise<void>;

export interface ProjectStore {
  readonly file: string;
  current(): ProjectConfig;
  /** Applies `mutate` to a copy of the project, validates the result, writes it atomically, audits it and then tells
   * the listeners (awaited, so a hot-applied change is in effect when this resolves). Throws
   * ProjectValidationError (nothing written) when the result is not a valid project. */
  update(mutate: (draft: ProjectConfig) => ProjectConfig, who: ProjectEditor, summary?: string): Promise<ProjectConfig>;
  onChange(listener: ProjectChangeListener): Disposable;
  /** The audit is the historian's, which opens after the project is loaded. */
  setAudit(audit: ProjectAudit): void;
}

export interface ProjectStoreOptions {
  /** Where edits are saved; read at creation when it exists. */
  file: string;
  log: Log;
  /** The document to start from instead of reading `file` (e.g. the built-in default project). */
  initial?: unknown;
  audit?: ProjectAudit;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').replace(/^\./, '') || '(top level)';
}

function validate(doc: unknown, origin: string): ProjectConfig {
  const result = configSchema.safeParse(doc);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: pathText(i.path), message: i.message }));
  throw new ProjectValidationError(formatConfigIssues(origin, result.error.issues), issues);
}

function readDocument(file: string): unknown {
  if (!existsSync(file)) return {};
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new UsageError(`project file ${file} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Writes a temporary file beside `file` (owner-only, synced to disk) and renames it over `file`. */
async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

export function createProjectStore(opts: ProjectStoreOptions): ProjectStore {
  const { file, log } = opts;
  let raw = (opts.initial ?? readDocument(file)) as Record<string, unknown>;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`project file ${file} must hold a JSON object`);
  let project: ProjectConfig;
  try {
    project = validate(raw, file);
  } catch (err) {
    if (err instanceof ProjectValidationError) throw new UsageError(err.message);
    throw err;
  }
  let audit = opts.audit;
  const listeners = new Set<ProjectChangeListener>();
  // Edits run one after the other: each sees the result of the one before.
  let queue: Promise<unknown> = Promise.resolve();

  async function apply(mutate: (draft: ProjectConfig) => ProjectConfig, who: ProjectEditor, summary: string): Promise<ProjectConfig> {
    const previous = project;
    const edited = mutate(structuredClone(previous));
    const keys = new Set([...Object.keys(previous), ...Object.keys(edited)]) as Set<keyof ProjectConfig>;
    const sections = [...keys].filter((key) => !isDeepStrictEqual(edited[key], previous[key]));
    if (sections.length === 0) return previous;
    const nextRaw = projectFileDocument(raw, previous, edited);
    const next = validate(nextRaw, 'the edited project');
    await writeAtomically(file, `${JSON.stringify(nextRaw, null, 2)}\n`);
    raw = nextRaw;
    project = next;
    log.info({ file, sections, user: who.user, via: who.via }, `project file saved: ${summary}`);
    try {
      await audit?.({ who, file, sections, summary });
    } catch (err) {
      log.error({ err }, 'could not audit a project edit');
    }
    for (const listener of listeners) {
      try {
        await listener(next, previous);
      } catch (err) {
        log.error({ err }, 'applying a project change failed');
      }
    }
    return next;
  }

  return {
    file,
    current: () => project,
    update(mutate, who, summary = 'project edited') {
      const run = queue.then(() => apply(mutate, who, summary));
      queue = run.catch(() => undefined);
      return run;
    },
    onChange(listener) {
      listeners.add(listener);
      return { dispose: () => void listeners.delete(listener) };
    },
    setAudit(next) {
      audit = next;
    },
  };
}
