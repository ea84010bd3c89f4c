// Secrets of the LwM2M client at rest (bootstrap-written server accounts, PSK keys): AES-256-GCM with a random key
// in a file created 0600 in the data dir. The serial number lives beside them in plain text (it is not secret).
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export class SecretStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'lwm2m');
  }

  private async key(): Promise<Buffer> {
    const file = join(this.dir, 'secret.key');
    try {
      const key = await readFile(file);
      if (key.length !== 32) throw new Error(`${file} is not a 32-byte key: refusing to use it`);
      return key;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      const key = randomBytes(32);
      await writeFile(file, key, { mode: 0o600, flag: 'wx' });
      await chmod(file, 0o600);
      return key;
    }
  }

  async save(name: string, value: unknown): Promise<void> {
    const key = await this.key();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    const doc = { v: 1, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    const file = join(this.dir, `${name}.enc`);
    await writeFile(`${file}.tmp`, JSON.stringify(doc), { mode: 0o600 });
    await rename(`${file}.tmp`, file);
  }

  /** The stored value, null when there is none; throws when the file was tampered with or the key is wrong. */
  async load(name: string): Promise<unknown> {
    let text: string;
    try {
      text = await readFile(join(this.dir, `${name}.enc`), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    const doc = JSON.parse(text) as { iv: string; tag: string; data: string };
    const decipher = createDecipheriv('aes-256-gcm', await this.key(), Buffer.from(doc.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(doc.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(doc.data, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as unknown;
  }

  /** A serial number made once per data dir, so the endpoint name survives restarts. */
  async serial(): Promise<string> {
    const file = join(this.dir, 'serial.txt');
    try {
      const s = (await readFile(file, 'utf8')).trim();
      if (/^[A-Za-z0-9-]{4,64}$/.test(s)) return s;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const s = `PB-${randomUUID().slice(0, 8).toUpperCase()}`;
    await writeFile(file, `${s}\n`);
    return s;
  }
}
