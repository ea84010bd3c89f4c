// Turns a failed connection attempt into a specific, human sentence for `lastError`, and says how soon to retry.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { makeSHA1Thumbprint, readCertificateChain } from 'node-opcua-crypto';
import { describeCertificate, ownCertificateFile, rejectedFolder } from '../pki.js';
import { explainStatus, statusName } from '../status-text.js';

export type FailureKind = 'untrusted-server' | 'rejected-by-server' | 'needs-person' | 'unreachable';

export interface ConnectionFailure {
  kind: FailureKind;
  message: string;
}

export interface FailureContext {
  endpointUrl: string;
  pkiDir: string;
  /** The certificate the server presented, when the client got that far. */
  serverCertificate: Buffer | Buffer[] | undefined;
}

function firstCertificate(cert: Buffer | Buffer[] | undefined): Buffer | null {
  if (!cert) return null;
  return Array.isArray(cert) ? (cert[0] ?? null) : cert;
}

const UNREACHABLE = /ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ECONNRESET|EPIPE|BadTimeout|not reachable|cannot be established|socket has been disconnected|aborted|premature/i;
const NEEDS_PERSON = /BadIdentityToken|BadUserAccessDenied|BadSecurityPolicyRejected|BadSecurityModeRejected|BadTcpEndpointUrlInvalid|BadCertificate|cannot find (an )?endpoint|Invalid endpoint/i;

export function describeFailure(err: unknown, ctx: FailureContext): ConnectionFailure {
  const text = err instanceof Error ? err.message : String(err);
  const code = statusName(text);
  const codeText = code ? ` (${code})` : '';
  const explanation = explainStatus(text);

  // The client checked the server certificate and did not find it in trusted/certs: node-opcua saved it in rejected/.
  if (isUntrustedServerError(err)) {
    const der = firstCertificate(ctx.serverCertificate);
    if (der && (code === null || code === 'BadCertificateUntrusted')) {
      const info = describeCertificate(der, '');
      const thumbprint = makeSHA1Thumbprint(der).toString('hex');
      return {
        kind: 'untrusted-server',
        message:
          `Server certificate of ${ctx.endpointUrl} (subject ${info.subject}, thumbprint ${thumbprint}) is not trusted` +
          `${codeText}; it was saved to ${rejectedFolder(ctx.pkiDir)}${path.sep}. Trust it on the Connections page or ` +
          `copy it to ${path.join(ctx.pkiDir, 'trusted', 'certs')}. ${explanation}`,
      };
    }
    return { kind: 'untrusted-server', message: `Server certificate of ${ctx.endpointUrl} was refused${codeText}. ${explanation}` };
  }
  if (/rejected by server/.test(text) && /BadSecurityChecksFailed|BadCertificate/.test(text)) {
    return {
      kind: 'rejected-by-server',
      message:
        `${ctx.endpointUrl} does not trust the PlantBridge client certificate${codeText}. Add ` +
        `${ownCertificateFile(ctx.pkiDir)} to the trust list of that server (its administrator may find it among ` +
        'the rejected certificates of the server).',
    };
  }
  if (NEEDS_PERSON.test(text)) {
    return { kind: 'needs-person', message: `Cannot connect to ${ctx.endpointUrl}${codeText}: ${explanation}` };
  }
  if (UNREACHABLE.test(text)) {
    return { kind: 'unreachable', message: `Cannot reach ${ctx.endpointUrl}${codeText}: ${explanation}` };
  }
  return { kind: 'unreachable', message: `Cannot connect to ${ctx.endpointUrl}: ${text.split('\n')[0]}. ${explanation}` };
}

/** The certificate node-opcua saved into rejected/ during the attempt that started at `sinceMs` (the client does
 * not keep the server certificate after a failed connect). */
export async function recentlyRejectedCertificate(pkiDir: string, sinceMs: number): Promise<Buffer | undefined> {
  const folder = rejectedFolder(pkiDir);
  let newest: { file: string; mtime: number } | null = null;
  try {
    for (const name of await fsp.readdir(folder)) {
      const file = path.join(folder, name);
      const { mtimeMs } = await fsp.stat(file);
      if (mtimeMs >= sinceMs - 2000 && (!newest || mtimeMs > newest.mtime)) newest = { file, mtime: mtimeMs };
    }
    return newest ? readCertificateChain(newest.file)[0] : undefined;
  } catch {
    return undefined;
  }
}

export function isUntrustedServerError(err: unknown): boolean {
  const text = err instanceof Error ? err.message : String(err);
  return /verification failed|BadCertificateUntrusted/.test(text) && !/rejected by server/.test(text);
}
