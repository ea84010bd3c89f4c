// Request handlers of the certificate doctor: every trust decision and own-certificate change is audited (one
// command-audit row: action trust/reject/remove/import/regenerate, who, via, from → to), refusals included.
import type { Caller, CertificateStoresDto, ParsedArgs, RequestHandlers, TextFileDto } from '../contract/index.js';
import type { CertificateAuditAction, CertificateChange, CertificateDoctor, Clock, HistorianStore, PkiSide } from '../services/ports.js';
import { RequestError } from './request-error.js';

export interface CertificateHandlerDeps {
  doctor: CertificateDoctor;
  store: Pick<HistorianStore, 'appendAudit'>;
  clock: Clock;
}

type CertificateRequests =
  | 'trustCertificateByThumbprint'
  | 'rejectCertificate'
  | 'removeCertificate'
  | 'importCertificate'
  | 'regenerateCertificate'
  | 'exportCertificate';

function statusOf(err: unknown): number | null {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : null;
}

/** Runs one doctor action and writes its audit row, success or refusal; refusals become 4xx request errors. */
export async function auditedCertificateAction(
  d: CertificateHandlerDeps,
  action: CertificateAuditAction,
  caller: Caller,
  target: { store: PkiSide | undefined; thumbprint: string },
  run: () => Promise<CertificateChange>,
): Promise<CertificateStoresDto> {
  const row = (tag: string, from: string, to: string, status: string, message: string) =>
    d.store.appendAudit({ ts: d.clock.now(), user: caller.user, via: caller.via, action, tag, oldValue: from, newValue: to, status, message });
  let done: CertificateChange;
  try {
    done = await run();
  } catch (err) {
    const status = statusOf(err);
    const message = (err as Error).message;
    await row(`certificate:${target.store ?? '?'}/${target.thumbprint}`, '', '', status === null ? 'BadInternalError' : 'Refused', message);
    if (status === 400 || status === 404 || status === 409) throw new RequestError(status, message);
    throw err;
  }
  await row(
    `certificate:${done.store}/${done.thumbprint}`,
    done.from,
    done.to,
    'Good',
    `${action} ${done.subject || done.thumbprint} (${done.store} store): ${done.from} → ${done.to}`,
  );
  return d.doctor.list();
}

export function createCertificateHandlers(d: CertificateHandlerDeps): Pick<RequestHandlers, CertificateRequests> {
  return {
    trustCertificateByThumbprint: async ({ thumbprint, store }, caller) =>
      auditedCertificateAction(d, 'trust', caller, { store, thumbprint }, () => d.doctor.trust(thumbprint, store)),
    rejectCertificate: async ({ thumbprint, store }, caller) =>
      auditedCertificateAction(d, 'reject', caller, { store, thumbprint }, () => d.doctor.reject(thumbprint, store)),
    removeCertificate: async ({ thumbprint, store }, caller) =>
      auditedCertificateAction(d, 'remove', caller, { store, thumbprint }, () => d.doctor.remove(thumbprint, store)),
    importCertificate: async ({ store, target, body }: ParsedArgs<'importCertificate'>, caller) =>
      auditedCertificateAction(d, 'import', caller, { store, thumbprint: 'new' }, () => d.doctor.import(store, target, body)),
    regenerateCertificate: async ({ store }, caller) =>
      auditedCertificateAction(d, 'regenerate', caller, { store, thumbprint: 'own' }, () => d.doctor.regenerate(store)),
    exportCertificate: async ({ store, format }): Promise<TextFileDto> => {
      let der: Buffer;
      try {
        der = await d.doctor.exportOwn(store);
      } catch (err) {
        if (statusOf(err) === 404) throw new RequestError(404, (err as Error).message);
        throw err;
      }
      const name = store === 'client' ? 'plantbridge-client' : 'plantbridge-bridge-server';
      if (format === 'der') {
        return { kind: 'text-file', contentType: 'application/pkix-cert', filename: `${name}.der`, body: der.toString('base64'), encoding: 'base64' };
      }
      const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
      const pem = `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
      return { kind: 'text-file', contentType: 'application/x-pem-file', filename: `${name}.pem`, body: pem };
    },
  };
}
