// Reads and validates the project file. Every problem is reported with the field path and what was expected,
// all at once, so an engineer can fix a file in one pass.
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { configSchema, type ProjectConfig } from './config-schema.js';

/** A problem the user must fix (bad flag, bad project file, port in use): printed as is, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  // A bad record key (a tag id in tagSettings) carries the key's own problem one level down.
  const inner = issue.code === 'invalid_key' ? issue.issues[0] : undefined;
  const message = inner ? inner.message : issue.message;
  // Our own messages describe what is expected ("a tag id of four levels …"); zod's say it themselves.
  if (/^(a|an|"|one of)\b/i.test(message)) return `expected ${message}`;
  return message;
}

export function formatConfigIssues(origin: string, issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.map((i) => `  ${formatPath(i.path)}: ${describeIssue(i)}`);
  return `${origin} is not a valid PlantBridge project:\n${lines.join('\n')}`;
}

export function parseProject(json: unknown, origin: string): ProjectConfig {
  const result = configSchema.safeParse(json);
  if (!result.success) throw new UsageError(formatConfigIssues(origin, result.error.issues));
  return result.data;
}

export async function loadProjectFile(file: string): Promise<ProjectConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `config file ${file} does not exist` : `cannot read config file ${file} (${code ?? String(err)})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`config file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  return parseProject(json, file);
}

export function defaultProject(): ProjectConfig {
  return parseProject({}, 'the default project');
}
