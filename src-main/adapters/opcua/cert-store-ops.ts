// Trust decisions on one PKI root (OPC UA Part 6 folders): list with reasons, trust, reject, remove, import a
// certificate or CRL. Every change tells the live certificate managers of that root to re-read their folders, so
// it applies to the next handshake without a restart.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { convertPEMtoDER, identifyDERContent, readCertificateChain, readCertificateRevocationList, split_der, toPem as toPemLabel } from 'node-opcua-crypto';
import type { TrustStoreDto } from '../../contract/index.js';
import { crlThumbprint, inspectCertificate, inspectCrlFolder, inspectFolder } from './cert-inspect.js';
import { forgetRefusal } from './cert-verdicts.js';
import { describeCertificate, ownCertificateFile, reloadLiveManagers, rejectedFolder, thumbprintOf, toPem, trustedCertsFolder } from './pki.js';

/** A refusal the user can act on: becomes a 400/404/409 over the API. */
export class CertificateStoreError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

export type Place = 'trusted' | 'rejected' | 'issuers' | 'trusted-crl' | 'issuers-crl';

function folderOf(root: string, place: Place): string {
  switch (place) {
    case 'trusted':
      return trustedCertsFolder(root);
    case 'rejected':
      return rejectedFolder(root);
    case 'issuers':
      return path.join(root, 'issuers', 'certs');
    case 'trusted-crl':
      return path.join(root, 'trusted', 'crl');
    case 'issuers-crl':
      return path.join(root, 'issuers', 'crl');
  }
}

export async function listTrustStore(root: string, now: number): Promise<TrustStoreDto> {
  const ownFile = ownCertificateFile(root);
  const ownDer = await fsp.access(ownFile).then(() => readCertificateChain(ownFile)[0], () => undefined);
  const [trusted, rejected, issuers, trustedCrls, issuerCrls, own] = await Promise.all([
    inspectFolder(folderOf(root, 'trusted'), root, false, now),
    inspectFolder(folderOf(root, 'rejected'), root, true, now),
    inspectFolder(folderOf(root, 'issuers'), root, false, now),
    inspectCrlFolder(folderOf(root, 'trusted-crl'), 'trusted'),
    inspectCrlFolder(folderOf(root, 'issuers-crl'), 'issuers'),
    ownDer ? inspectCertificate(ownDer, ownFile, root, false, now) : Promise.resolve(null),
  ]);
  return { trusted, rejected, issuers, crls: [...trustedCrls, ...issuerCrls], own };
}

export interface Found {
  place: Place;
  file: string;
  subject: string;
}

/** Where a certificate (or a CRL, by the SHA-1 of its bytes) with this thumbprint is, in every place it is. */
export async function findEverywhere(root: string, thumbprint: string): Promise<Found[]> {
  const wanted = thumbprint.toLowerCase();
  const out: Found[] = [];
  for (const place of ['trusted', 'rejected', 'issuers'] as const) {
    const folder = folderOf(root, place);
    for (const name of await fsp.readdir(folder).catch(() => [] as string[])) {
      const file = path.join(folder, name);
      try {
        const der = readCertificateChain(file)[0];
        if (der && thumbprintOf(der) === wanted) out.push({ place, file, subject: describeCertificate(der, file).subject });
      } catch {
        // not a certificate
      }
    }
  }
  for (const place of ['trusted-crl', 'issuers-crl'] as const) {
    for (const crl of await inspectCrlFolder(folderOf(root, place), place === 'trusted-crl' ? 'trusted' : 'issuers')) {
      if (crl.thumbprint === wanted) out.push({ place, file: crl.file, subject: `CRL of ${crl.issuer}` });
    }
  }
  return out;
}

async function moveTo(root: string, found: Found, place: 'trusted' | 'rejected'): Promise<void> {
  const target = path.join(folderOf(root, place), path.basename(found.file));
  await fsp.mkdir(path.dirname(target), { recursive: true });
  await fsp.rename(found.file, target);
}

/** Rejected → trusted. */
export async function trustIn(root: string, thumbprint: string): Promise<Found> {
  const places = await findEverywhere(root, thumbprint);
  const rejected = places.find((p) => p.place === 'rejected');
  if (!rejected) {
    const trusted = places.find((p) => p.place === 'trusted');
    if (trusted) return trusted;
    throw new CertificateStoreError(404, `no rejected certificate with thumbprint ${thumbprint}`);
  }
  await moveTo(root, rejected, 'trusted');
  await forgetRefusal(root, thumbprint);
  await reloadLiveManagers(root);
  return rejected;
}

/** Trusted → rejected: the peer is refused from its next handshake on. */
export async function rejectIn(root: string, thumbprint: string): Promise<Found> {
  const places = await findEverywhere(root, thumbprint);
  const trusted = places.find((p) => p.place === 'trusted');
  if (!trusted) {
    const rejected = places.find((p) => p.place === 'rejected');
    if (rejected) return rejected;
    throw new CertificateStoreError(404, `no trusted certificate with thumbprint ${thumbprint}`);
  }
  await moveTo(root, trusted, 'rejected');
  await reloadLiveManagers(root);
  return trusted;
}

/** Deletes every copy (certificate or CRL) with this thumbprint; returns the places it was in. */
export async function removeIn(root: string, thumbprint: string): Promise<Found[]> {
  const places = await findEverywhere(root, thumbprint);
  if (places.length === 0) throw new CertificateStoreError(404, `no certificate or CRL with thumbprint ${thumbprint}`);
  await Promise.all(places.map((p) => fsp.rm(p.file, { force: true })));
  await forgetRefusal(root, thumbprint);
  await reloadLiveManagers(root);
  return places;
}

/** PEM text (CERTIFICATE or X509 CRL) or base64 DER → DER bytes and what they are. */
export function decodeBody(body: string): { der: Buffer; kind: 'certificate' | 'crl' } {
  const text = body.trim();
  let der: Buffer;
  if (text.startsWith('-----BEGIN')) {
    const label = /^-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1] ?? '';
    if (label !== 'CERTIFICATE' && label !== 'X509 CRL') {
      throw new CertificateStoreError(400, `body: a PEM ${label || 'block'} is not a certificate or CRL (expected BEGIN CERTIFICATE or BEGIN X509 CRL)`);
    }
    const first = text.slice(0, text.indexOf('-----END') + 9 + label.length + 5);
    der = label === 'X509 CRL' ? Buffer.from(first.replace(/-----[A-Z0-9 ]+-----|\s/g, ''), 'base64') : convertPEMtoDER(first);
  } else {
    if (!/^[A-Za-z0-9+/=\s]+$/.test(text)) throw new CertificateStoreError(400, 'body: neither PEM text nor base64-encoded DER');
    der = Buffer.from(text.replace(/\s/g, ''), 'base64');
  }
  let content: string;
  try {
    content = identifyDERContent(der);
  } catch {
    content = 'Unknown';
  }
  if (content === 'X509Certificate' || content === 'X509CertificateChain') return { der, kind: 'certificate' };
  if (content === 'CertificateRevocationList') return { der, kind: 'crl' };
  if (content === 'PrivateKey') throw new CertificateStoreError(400, 'body: this is a private key; never share it, import the certificate instead');
  throw new CertificateStoreError(400, `body: not a certificate or CRL (${content === 'Unknown' ? 'unreadable DER' : content})`);
}

/** Adds a certificate to trusted/ or issuers/, or a CRL to that list's crl/ folder. */
export async function importInto(root: string, target: 'trusted' | 'issuers', body: string): Promise<Found & { thumbprint: string }> {
  const { der, kind } = decodeBody(body);
  if (kind === 'crl') {
    const place: Place = target === 'trusted' ? 'trusted-crl' : 'issuers-crl';
    const thumbprint = crlThumbprint(der);
    const file = path.join(folderOf(root, place), `${thumbprint}.crl`);
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await fsp.writeFile(file, toPemLabel(der, 'X509 CRL'));
    try {
      await readCertificateRevocationList(file);
    } catch {
      await fsp.rm(file, { force: true });
      throw new CertificateStoreError(400, 'body: the CRL cannot be read');
    }
    await reloadLiveManagers(root);
    return { place, file, subject: 'CRL', thumbprint };
  }
  const leaf = readChainFromDer(der);
  const info = describeCertificate(leaf, '');
  const existing = await findEverywhere(root, info.thumbprint);
  // A copy in rejected/ would win over the imported one (node-opcua: rejected beats trusted).
  for (const stale of existing.filter((p) => p.place === 'rejected')) await fsp.rm(stale.file, { force: true });
  const place: Place = target;
  let file = existing.find((p) => p.place === place)?.file;
  if (!file) {
    file = path.join(folderOf(root, place), `${info.thumbprint}.pem`);
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await fsp.writeFile(file, toPem(leaf));
  }
  await reloadLiveManagers(root);
  return { place, file, subject: info.subject, thumbprint: info.thumbprint };
}

function readChainFromDer(der: Buffer): Buffer {
  // A chain is several DER certificates back to back: the first one is the certificate itself.
  try {
    const leaf = split_der(der)[0];
    if (!leaf) throw new Error('empty');
    describeCertificate(leaf, '');
    return Buffer.from(leaf);
  } catch {
    throw new CertificateStoreError(400, 'body: the certificate cannot be read');
  }
}
