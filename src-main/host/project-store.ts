// The project file as the single source of configuration for engineering edits (tag import, connections): load and
// validate, apply an edit, validate the result with the project schema, write it atomically (temp file + rename)
// and tell listeners (hot apply). Edits run one at a time. Without `--config` the file is <data-dir>/project.json,
// created on the first edit.
// NOTE: minimal version written for the tag import (issue 6 §4); opcua-connections owns this module's full version.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Disposable, Log } from '../services/ports.js';
import { formatConfigIssues, UsageError } from './config-load.js';
import { configSchema, type ProjectConfig } from './config-schema.js';
import { projectFileDocument } from './project-file-form.js';

export interface ProjectStore {
  readonly file: string;
  current(): ProjectConfig;
  /** Applies `mutate` to a copy of the current project, validates and writes it; rejects (nothing written) when the
   * result is not a valid project. */
  update(mutate: (draft: ProjectConfig) => ProjectConfig, who: { user: string; via: string }): Promise<ProjectConfig>;
  onChange(listener: (project: ProjectConfig) => void): Disposable;
}

/** The edited project is not valid: the message lists every field (as `check-config` does). */
export class ProjectValidationError extends Error {
  override readonly name = 'ProjectValidationError';
  constructor(
    message: string,
    readonly issues: readonly { path: readonly PropertyKey[]; message: string }[],
  ) {
    super(message);
  }
}

function readRaw(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`project file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new UsageError(`project file ${file} is not a JSON object`);
  return json as Record<string, unknown>;
}

export function createProjectStore(opts: { file: string; log: Log }): ProjectStore {
  const { file, log } = opts;
  let raw = readRaw(file);
  const first = configSchema.safeParse(raw);
  if (!first.success) throw new UsageError(formatConfigIssues(file, first.error.issues));
  let current: ProjectConfig = first.data;
  const listeners = new Set<(p: ProjectConfig) => void>();
  let queue: Promise<unknown> = Promise.resolve();

  const write = async (doc: Record<string, unknown>) => {
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(doc, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(tmp, file);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  };

  const apply = async (mutate: (draft: ProjectConfig) => ProjectConfig, who: { user: string; via: string }) => {
    const next = mutate(structuredClone(current));
    const doc = projectFileDocument(raw, current, next);
    const checked = configSchema.safeParse(doc);
    if (!checked.success) {
      throw new ProjectValidationError(formatConfigIssues('the edited project', checked.error.issues), checked.error.issues);
    }
    await write(doc);
    raw = doc;
    current = checked.data;
    log.info({ file, user: who.user, via: who.via }, 'project file updated');
    for (const l of listeners) {
      try {
        l(current);
      } catch (err) {
        log.error({ err }, 'applying the edited project failed');
      }
    }
    return current;
  };

  return {
    file,
    current: () => current,
    update: (mutate, who) => {
      const run = queue.then(() => apply(mutate, who));
      queue = run.catch(() => undefined);
      return run;
    },
    onChange: (listener) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };
}
