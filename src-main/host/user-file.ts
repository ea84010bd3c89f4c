// Users of the API and the bridge OPC UA server kept in the data dir (`users.json`, written by `plantbridge users`),
// beside the ones in the project file. Only scrypt hashes are stored; the file is private to the service account.
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { formatConfigIssues, UsageError } from './config-load.js';
import { userSchema, type UserConfig } from './config-schema.js';

export const USER_FILE_NAME = 'users.json';

const userFileSchema = z.strictObject({
  version: z.literal(1),
  users: z.array(userSchema.extend({ createdAt: z.string().optional() })),
});

type StoredUser = z.output<typeof userFileSchema>['users'][number];

export function userFilePath(dataDir: string): string {
  return join(dataDir, USER_FILE_NAME);
}

/** The users stored in the data dir; none when the file does not exist. A damaged file is a usage error. */
export async function readUserFile(dataDir: string): Promise<StoredUser[]> {
  const file = userFilePath(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new UsageError(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = userFileSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(formatConfigIssues(file, parsed.error.issues).replace('PlantBridge project', 'PlantBridge user file'));
  return parsed.data.users;
}

/** Writes the whole list atomically (a crash leaves the old file or the new one, never half of one), mode 0600. */
export async function writeUserFile(dataDir: string, users: readonly StoredUser[]): Promise<void> {
  const file = userFilePath(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify({ version: 1, users }, null, 2)}\n`, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, file);
}

/** Project users plus data-dir users; a name defined in both places is refused, so nobody wonders which applies. */
export function mergeUsers(project: readonly UserConfig[], stored: readonly StoredUser[], origin: string): UserConfig[] {
  const names = new Set(project.map((u) => u.username));
  const clash = stored.find((u) => names.has(u.username));
  if (clash) {
    throw new UsageError(
      `user ${clash.username} is defined both in the project file and in ${origin}: remove one (plantbridge users remove ${clash.username})`,
    );
  }
  return [...project, ...stored.map(({ username, passwordHash, roles }) => ({ username, passwordHash, roles }))];
}
