// The AE-ID the CSE assigned, kept in the data dir so a restart registers as the same application entity.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface AeIdentity {
  cseUrl: string;
  cseBase: string;
  aeName: string;
  /** The AE-ID (`aei`): used as X-M2M-Origin on every request after registration. */
  aei: string;
}

/** The stored identity for this CSE and AE name, or null (none yet, another CSE, unreadable: then re-register). */
export async function loadAeIdentity(path: string, want: Omit<AeIdentity, 'aei'>): Promise<AeIdentity | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  try {
    const v = JSON.parse(text) as Partial<AeIdentity>;
    if (v.cseUrl !== want.cseUrl || v.cseBase !== want.cseBase || v.aeName !== want.aeName) return null;
    return typeof v.aei === 'string' && v.aei !== '' ? { ...want, aei: v.aei } : null;
  } catch {
    return null;
  }
}

/** Written to a temporary file and renamed, so a crash never leaves half a file. */
export async function saveAeIdentity(path: string, identity: AeIdentity): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  await writeFile(tmp, `${JSON.stringify(identity, null, 2)}\n`);
  await rename(tmp, path);
}
