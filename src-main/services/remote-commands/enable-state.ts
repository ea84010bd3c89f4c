// The engineer's per-tag switch for remote commands, persisted in a small JSON file (written atomically:
// temp file, fsync, rename) so a restart keeps what an engineer decided. Missing or unreadable file: every tag
// starts disabled (fail closed).
import { readFileSync } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Log } from '../ports.js';

export interface TagSwitch {
  enabled: boolean;
  by: string;
  at: number;
}

interface StateFile {
  version: 1;
  tags: Record<string, TagSwitch>;
}

function isTagSwitch(v: unknown): v is TagSwitch {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return typeof s['enabled'] === 'boolean' && typeof s['by'] === 'string' && typeof s['at'] === 'number';
}

export function loadEnableState(path: string, log: Log): Map<string, TagSwitch> {
  const state = new Map<string, TagSwitch>();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log.error({ err, path }, 'cannot read the remote command switches; all tags start disabled');
    return state;
  }
  try {
    const parsed = JSON.parse(text) as Partial<StateFile>;
    if (parsed.version !== 1 || typeof parsed.tags !== 'object' || parsed.tags === null) throw new Error('unknown format');
    for (const [tag, s] of Object.entries(parsed.tags)) if (isTagSwitch(s)) state.set(tag, { enabled: s.enabled, by: s.by, at: s.at });
  } catch (err) {
    log.error({ err, path }, 'the remote command switches file is damaged; all tags start disabled');
    state.clear();
  }
  return state;
}

export async function saveEnableState(path: string, state: ReadonlyMap<string, TagSwitch>): Promise<void> {
  const file: StateFile = { version: 1, tags: Object.fromEntries(state) };
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(`${JSON.stringify(file, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}
