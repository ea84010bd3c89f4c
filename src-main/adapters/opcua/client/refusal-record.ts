// Keeps the certificate reason of a failed connection for the certificate doctor: the server certificate
// PlantBridge refused (with the endpoint URL, for the host name check), or PlantBridge's own certificate when the
// server refused it.
import { readCertificateChain } from 'node-opcua-crypto';
import { recordRefusal } from '../cert-verdicts.js';
import { ownCertificateFile, thumbprintOf } from '../pki.js';
import { statusName } from '../status-text.js';
import type { ConnectionFailure, FailureContext } from './connection-errors.js';

const CERTIFICATE_STATUS = /^Bad(Certificate\w*|SecurityChecksFailed)$/;

export async function recordConnectionRefusal(err: unknown, failure: ConnectionFailure, ctx: FailureContext, now: number): Promise<void> {
  const code = statusName(err instanceof Error ? err : String(err));
  if (failure.kind === 'untrusted-server') {
    const cert = Array.isArray(ctx.serverCertificate) ? ctx.serverCertificate[0] : ctx.serverCertificate;
    if (!cert) return;
    const statusCode = code && CERTIFICATE_STATUS.test(code) ? code : 'BadCertificateUntrusted';
    await recordRefusal(ctx.pkiDir, thumbprintOf(cert), { ts: now, statusCode, side: 'local', peer: ctx.endpointUrl });
  } else if (failure.kind === 'rejected-by-server' || (code && CERTIFICATE_STATUS.test(code))) {
    try {
      const own = readCertificateChain(ownCertificateFile(ctx.pkiDir))[0];
      if (own) await recordRefusal(ctx.pkiDir, thumbprintOf(own), { ts: now, statusCode: code ?? 'BadSecurityChecksFailed', side: 'remote', peer: ctx.endpointUrl });
    } catch {
      // no own certificate to attach the reason to
    }
  }
}
