// Reads what the certificate doctor shows of a certificate or CRL: names, validity, key length, host names and IP
// addresses of the subjectAltName, and the problems found with their fixes.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { exploreCertificate, exploreCertificateRevocationList, readCertificateChain, readCertificateRevocationList } from 'node-opcua-crypto';
import type { CertificateDto, CrlDto } from '../../contract/index.js';
import { certificateProblems, type CertificateFacts } from '../../domain/certificate-problems.js';
import { readRefusal } from './cert-verdicts.js';
import { certificateFiles, describeCertificate } from './pki.js';

const CRL_FILE = /\.(crl|pem|der)$/i;

/** subjectAltName IP addresses come as hex (`7f000001`); shown dotted (IPv4) or colon-separated (IPv6). */
export function formatIp(hex: string): string {
  if (/^[0-9a-f]{8}$/i.test(hex)) return (hex.match(/../g) ?? []).map((b) => parseInt(b, 16)).join('.');
  if (/^[0-9a-f]{32}$/i.test(hex)) return (hex.match(/.{4}/g) ?? []).map((g) => g.replace(/^0+(?=.)/, '')).join(':').toLowerCase();
  return hex;
}

export function certificateFacts(der: Buffer): CertificateFacts {
  const tbs = exploreCertificate(der).tbsCertificate;
  const san = tbs.extensions?.subjectAltName;
  const bytes = tbs.subjectPublicKeyInfo?.keyLength;
  return {
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    keyLength: typeof bytes === 'number' ? bytes * 8 : null,
    dns: san?.dNSName ?? [],
    ip: (san?.iPAddress ?? []).map(formatIp),
    applicationUri: san?.uniformResourceIdentifier?.[0] ?? null,
  };
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  const m = /^opc\.tcp:\/\/(\[[^\]]+\]|[^:/]+)/i.exec(url);
  return m?.[1] ?? null;
}

/** The full description of one certificate in `rootFolder`'s PKI; `inRejected` when it sits in rejected/. */
export async function inspectCertificate(der: Buffer, file: string, rootFolder: string, inRejected: boolean, now: number): Promise<CertificateDto> {
  const base = describeCertificate(der, file);
  const facts = certificateFacts(der);
  const lastRefusal = await readRefusal(rootFolder, base.thumbprint);
  const problems = certificateProblems({
    facts,
    now,
    inRejected,
    lastStatus: lastRefusal?.statusCode ?? null,
    endpointHost: lastRefusal?.side === 'local' ? hostOf(lastRefusal.peer) : null,
  });
  return {
    ...base,
    dns: [...facts.dns],
    ip: [...facts.ip],
    keyLength: facts.keyLength ?? 0,
    reason: problems[0] ?? null,
    problems,
    lastRefusal,
  };
}

/** Every certificate in a folder, described; damaged files are skipped (not a reason to hide the rest). */
export async function inspectFolder(folder: string, rootFolder: string, inRejected: boolean, now: number): Promise<CertificateDto[]> {
  const out: CertificateDto[] = [];
  for (const file of await certificateFiles(folder)) {
    try {
      const der = readCertificateChain(file)[0];
      if (der) out.push(await inspectCertificate(der, file, rootFolder, inRejected, now));
    } catch {
      // skipped: not a certificate
    }
  }
  return out;
}

function formatIssuer(name: object): string {
  const cn = (name as Record<string, unknown>)['commonName'];
  const o = (name as Record<string, unknown>)['organizationName'];
  return [typeof cn === 'string' ? `CN=${cn}` : '', typeof o === 'string' ? `O=${o}` : ''].filter(Boolean).join(', ');
}

export function crlThumbprint(der: Buffer): string {
  return createHash('sha1').update(der).digest('hex');
}

/** The CRLs in a crl/ folder. */
export async function inspectCrlFolder(folder: string, list: 'trusted' | 'issuers'): Promise<CrlDto[]> {
  let names: string[];
  try {
    names = await fsp.readdir(folder);
  } catch {
    return [];
  }
  const out: CrlDto[] = [];
  for (const name of names.sort()) {
    if (!CRL_FILE.test(name)) continue;
    const file = path.join(folder, name);
    try {
      const der = await readCertificateRevocationList(file);
      const info = exploreCertificateRevocationList(der).tbsCertList;
      out.push({
        thumbprint: crlThumbprint(der),
        issuer: formatIssuer(info.issuer),
        thisUpdate: info.thisUpdate.getTime(),
        nextUpdate: info.nextUpdate ? info.nextUpdate.getTime() : null,
        revokedCount: info.revokedCertificates.length,
        list,
        file,
      });
    } catch {
      // skipped: not a CRL
    }
  }
  return out;
}
