// Passwords of OPC UA connections, encrypted at rest in the data dir (AES-256-GCM, random key in a 0600 file):
// the project file only says a connection has a saved password, never what it is.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ConnectionSecrets {
  /** The saved password of a connection (loaded at open), or undefined. */
  password(id: string): string | undefined;
  setPassword(id: string, password: string): Promise<void>;
  remove(id: string): Promise<void>;
}

async function loadKey(dir: string): Promise<Buffer> {
  const file = join(dir, 'connections.key');
  try {
    const key = await readFile(file);
    if (key.length !== 32) throw new Error(`${file} is not a 32-byte key: refusing to use it`);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const key = randomBytes(32);
    await writeFile(file, key, { mode: 0o600, flag: 'wx' });
    await chmod(file, 0o600);
    return key;
  }
}

function decrypt(key: Buffer, text: string): Record<string, string> {
  const doc = JSON.parse(text) as { iv: string; tag: string; data: string };
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(doc.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(doc.tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(doc.data, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as Record<string, string>;
}

function encrypt(key: Buffer, value: Record<string, string>): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return JSON.stringify({ v: 1, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') });
}

/** Opens (or creates) the secret file `<dataDir>/secrets/connection-passwords.enc`; throws if it was tampered with. */
export async function openConnectionSecrets(dataDir: string): Promise<ConnectionSecrets> {
  const dir = join(dataDir, 'secrets');
  const file = join(dir, 'connection-passwords.enc');
  const key = await loadKey(dir);
  let passwords: Record<string, string> = {};
  try {
    passwords = decrypt(key, await readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`cannot decrypt ${file} (wrong key or modified file): ${(err as Error).message}`);
    }
  }
  const save = async (next: Record<string, string>) => {
    await writeFile(`${file}.tmp`, encrypt(key, next), { mode: 0o600 });
    await rename(`${file}.tmp`, file);
    passwords = next;
  };
  return {
    password: (id) => (Object.prototype.hasOwnProperty.call(passwords, id) ? passwords[id] : undefined),
    setPassword: (id, password) => save({ ...passwords, [id]: password }),
    remove: async (id) => {
      if (!Object.prototype.hasOwnProperty.call(passwords, id)) return;
      const { [id]: _gone, ...rest } = passwords;
      await save(rest);
    },
  };
}
