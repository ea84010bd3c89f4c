// The reason a certificate was refused, recorded when it happens: a small JSON file per thumbprint in
// `<pki>/verdicts/` (outside the folders node-opcua scans). Written by the certificate manager hook below (every
// PKI check of a peer certificate, client and server side) and by the OPC UA client on a certificate error.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { OPCUACertificateManager } from 'node-opcua';
import { makeSHA1Thumbprint } from 'node-opcua-crypto';
import type { CertificateRefusalDto } from '../../contract/index.js';

export function verdictsFolder(rootFolder: string): string {
  return path.join(rootFolder, 'verdicts');
}

function verdictFile(rootFolder: string, thumbprint: string): string | null {
  const t = thumbprint.toLowerCase();
  return /^[0-9a-f]{40}$/.test(t) ? path.join(verdictsFolder(rootFolder), `${t}.json`) : null;
}

/** Records a refusal of the certificate with `thumbprint` (the last one wins). Never throws: bookkeeping must not
 * change the outcome of a handshake. */
export async function recordRefusal(rootFolder: string, thumbprint: string, refusal: CertificateRefusalDto): Promise<void> {
  const file = verdictFile(rootFolder, thumbprint);
  if (!file) return;
  try {
    await fsp.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await fsp.writeFile(tmp, JSON.stringify(refusal));
    await fsp.rename(tmp, file);
  } catch {
    // A read-only or full disk loses the reason, not the connection.
  }
}

export async function readRefusal(rootFolder: string, thumbprint: string): Promise<CertificateRefusalDto | null> {
  const file = verdictFile(rootFolder, thumbprint);
  if (!file) return null;
  try {
    const parsed = JSON.parse(await fsp.readFile(file, 'utf8')) as Partial<CertificateRefusalDto>;
    if (typeof parsed.ts !== 'number' || typeof parsed.statusCode !== 'string') return null;
    return {
      ts: parsed.ts,
      statusCode: parsed.statusCode,
      side: parsed.side === 'remote' ? 'remote' : 'local',
      peer: typeof parsed.peer === 'string' ? parsed.peer : null,
    };
  } catch {
    return null;
  }
}

export async function forgetRefusal(rootFolder: string, thumbprint: string): Promise<void> {
  const file = verdictFile(rootFolder, thumbprint);
  if (file) await fsp.rm(file, { force: true });
}

type StatusLike = { name: string; isGood(): boolean };
type CheckFn = (chain: Buffer | Buffer[]) => Promise<StatusLike>;

/** Wraps `checkCertificate` (what node-opcua's client and server secure channel call on a peer certificate) so
 * every non-Good verdict is recorded with its status code. Both calling styles (promise, callback) keep working. */
export function recordVerdictsOf(manager: OPCUACertificateManager, rootFolder: string): void {
  const original = (manager.checkCertificate as unknown as CheckFn).bind(manager);
  const wrapped = (chain: Buffer | Buffer[], callback?: (err: Error | null, status?: StatusLike) => void): Promise<StatusLike> | undefined => {
    const result = original(chain).then(async (status) => {
      const leaf = Array.isArray(chain) ? chain[0] : chain;
      if (!status.isGood() && leaf) {
        const thumbprint = makeSHA1Thumbprint(leaf).toString('hex');
        await recordRefusal(rootFolder, thumbprint, { ts: Date.now(), statusCode: status.name, side: 'local', peer: null });
      }
      return status;
    });
    if (typeof callback !== 'function') return result;
    result.then(
      (status) => callback(null, status),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
    );
    return undefined;
  };
  (manager as unknown as { checkCertificate: typeof wrapped }).checkCertificate = wrapped;
}
