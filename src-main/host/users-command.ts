// `plantbridge users add|list|remove`: the accounts of the API/UI and the bridge OPC UA server, hashed in the data dir.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { hashPassword } from '../adapters/auth/password-hash.js';
import { loadProjectFile, UsageError } from './config-load.js';
import { userRole } from './config-schema.js';
import { readPasswordFromStdin } from './stdin-password.js';
import { readUserFile, userFilePath, writeUserFile } from './user-file.js';

export type UserRole = 'viewer' | 'operator' | 'engineer';

export interface UsersAddFlags {
  dataDir: string;
  role: string;
  passwordStdin?: boolean;
}

const USERNAME = /^[A-Za-z0-9_.@-]{1,64}$/;

/** A role includes the rights of the ones before it (viewer < operator < engineer), so one is enough. */
export function rolesFor(role: string): UserRole[] {
  const parsed = userRole.safeParse(role);
  if (!parsed.success) throw new UsageError(`--role: expected viewer, operator or engineer (got ${JSON.stringify(role)})`);
  return [parsed.data];
}

export async function usersAdd(name: string, flags: UsersAddFlags, readPassword = readPasswordFromStdin): Promise<string> {
  if (!USERNAME.test(name)) throw new UsageError('a user name of letters, digits, "_", ".", "@" or "-" (at most 64)');
  const roles = rolesFor(flags.role);
  if (!flags.passwordStdin) {
    throw new UsageError('--password-stdin is required: a password is never given on the command line (it would land in shell history)');
  }
  const password = await readPassword();
  if (password.length < 8) throw new UsageError('a password needs at least 8 characters');
  const dataDir = resolve(flags.dataDir);
  await mkdir(dataDir, { recursive: true });
  const users = await readUserFile(dataDir);
  const entry = { username: name, passwordHash: hashPassword(password), roles, createdAt: new Date().toISOString() };
  const existing = users.findIndex((u) => u.username === name);
  if (existing >= 0) users[existing] = entry;
  else users.push(entry);
  await writeUserFile(dataDir, users);
  const verb = existing >= 0 ? 'updated' : 'added';
  return `user ${name} ${verb} (${roles.join(', ')}) in ${userFilePath(dataDir)}; a running PlantBridge picks it up on restart\n`;
}

export async function usersRemove(name: string, dataDir: string): Promise<string> {
  const dir = resolve(dataDir);
  const users = await readUserFile(dir);
  const kept = users.filter((u) => u.username !== name);
  if (kept.length === users.length) throw new UsageError(`no user ${name} in ${userFilePath(dir)}`);
  await writeUserFile(dir, kept);
  return `user ${name} removed from ${userFilePath(dir)}\n`;
}

/** A table of every account the service would use: data-dir users and, with --config, the project file's. */
export async function usersList(dataDir: string, config?: string): Promise<string> {
  const dir = resolve(dataDir);
  const rows: string[][] = [];
  if (config) {
    for (const u of (await loadProjectFile(config)).users) rows.push([u.username, u.roles.join(','), config]);
  }
  for (const u of await readUserFile(dir)) rows.push([u.username, u.roles.join(','), userFilePath(dir)]);
  if (rows.length === 0) return `no users (the UI/API then only answers on 127.0.0.1, to the desktop user)\n`;
  const header = ['USER', 'ROLES', 'DEFINED IN'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i] ?? 0) : c)).join('  ');
  return `${[header, ...rows].map(line).join('\n')}\n`;
}
