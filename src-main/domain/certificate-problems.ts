// Why a certificate is refused, in plain words with the fix: from the OPC UA status code of a PKI check or a
// connection error, and from what the certificate itself says (validity, key length, host names).
import type { CertificateProblemDto, CertificateProblemKind } from '../contract/index.js';

/** The facts about a certificate that decide its problems (all from the certificate, nothing from disk). */
export interface CertificateFacts {
  notBefore: number;
  notAfter: number;
  keyLength: number | null;
  dns: readonly string[];
  ip: readonly string[];
  applicationUri: string | null;
}

/** Minimum RSA key length of every security policy PlantBridge offers or accepts (Basic256Sha256, Aes*). */
export const MIN_KEY_LENGTH = 2048;

const TEXT: Record<CertificateProblemKind, { text: string; fix: string }> = {
  untrusted: {
    text: 'The certificate is not in the trust list.',
    fix: 'Compare its thumbprint with the one its owner reads on the other machine; if they match, trust it.',
  },
  expired: {
    text: 'The certificate has expired.',
    fix: 'Have its owner issue a new certificate (or check the clocks of both computers); trusting it does not help.',
  },
  'not-yet-valid': {
    text: 'The certificate is not valid yet (its start date is in the future).',
    fix: 'Check the clocks of both computers; if they are right, wait for the start date or issue a new certificate.',
  },
  'host-name-mismatch': {
    text: 'The host name in the endpoint URL is not among the host names in the certificate.',
    fix: 'Connect with a host name the certificate lists, or have the certificate reissued with this host name.',
  },
  'uri-mismatch': {
    text: 'The application URI in the certificate does not match the one the application announces.',
    fix: 'Regenerate the certificate with the application URI the application uses (PlantBridge: Regenerate).',
  },
  revoked: {
    text: 'The certificate (or its issuer) has been revoked by its certificate authority.',
    fix: 'Ask for a new certificate; do not trust the revoked one.',
  },
  'issuer-unknown': {
    text: 'The certificate authority that signed it is unknown.',
    fix: 'Import the CA certificate (and its CRL) under Issuers, then trust the certificate or the CA.',
  },
  'key-too-short': {
    text: `The key is shorter than ${MIN_KEY_LENGTH} bits, which the secure policies require.`,
    fix: `Issue a new certificate with a key of at least ${MIN_KEY_LENGTH} bits.`,
  },
  'revocation-unknown': {
    text: 'The revocation list (CRL) of its certificate authority is missing.',
    fix: 'Import the CA’s CRL under Issuers (or Trusted, for a trusted CA).',
  },
  'issuer-expired': {
    text: 'The certificate of its certificate authority has expired or is not valid yet.',
    fix: 'Import the CA’s renewed certificate under Issuers.',
  },
  'use-not-allowed': {
    text: 'The certificate’s key usage does not allow it for OPC UA (signing and encryption).',
    fix: 'Issue a new application instance certificate with digitalSignature and dataEncipherment key usage.',
  },
  invalid: {
    text: 'The certificate failed the security checks (bad signature, damaged file, or a rejected issuer).',
    fix: 'Get a fresh copy of the certificate from its owner; check that its CA is not in the rejected list.',
  },
};

/** Which problem comes first when several apply: the ones trusting cannot fix lead. */
const PRIORITY: readonly CertificateProblemKind[] = [
  'revoked',
  'invalid',
  'expired',
  'not-yet-valid',
  'key-too-short',
  'issuer-expired',
  'issuer-unknown',
  'revocation-unknown',
  'use-not-allowed',
  'untrusted',
  // Found by comparing names: a warning after the verdict, unless a peer's status code named it (see below).
  'host-name-mismatch',
  'uri-mismatch',
];

export function problem(kind: CertificateProblemKind, statusCode: string | null): CertificateProblemDto {
  return { kind, statusCode, ...TEXT[kind] };
}

/** The problem an OPC UA status code names; null for a code that is not about a certificate. `facts` tells an
 * expired certificate from one not valid yet (both are BadCertificateTimeInvalid). */
export function kindOfStatus(statusCode: string, facts: CertificateFacts | null, now: number): CertificateProblemKind | null {
  switch (statusCode) {
    case 'BadCertificateUntrusted':
      return 'untrusted';
    case 'BadCertificateTimeInvalid':
      return facts && facts.notBefore > now ? 'not-yet-valid' : 'expired';
    case 'BadCertificateIssuerTimeInvalid':
      return 'issuer-expired';
    case 'BadCertificateHostNameInvalid':
      return 'host-name-mismatch';
    case 'BadCertificateUriInvalid':
      return 'uri-mismatch';
    case 'BadCertificateRevoked':
    case 'BadCertificateIssuerRevoked':
      return 'revoked';
    case 'BadCertificateChainIncomplete':
      return 'issuer-unknown';
    case 'BadCertificateRevocationUnknown':
    case 'BadCertificateIssuerRevocationUnknown':
      return 'revocation-unknown';
    case 'BadCertificateUseNotAllowed':
    case 'BadCertificateIssuerUseNotAllowed':
      return 'use-not-allowed';
    case 'BadCertificatePolicyCheckFailed':
      return facts && facts.keyLength !== null && facts.keyLength < MIN_KEY_LENGTH ? 'key-too-short' : 'invalid';
    case 'BadSecurityChecksFailed':
    case 'BadCertificateInvalid':
      return 'invalid';
    default:
      return null;
  }
}

/** Is `host` (from an endpoint URL) one of the names or addresses the certificate lists? */
export function hostMatches(host: string, facts: CertificateFacts): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return facts.dns.some((d) => d.toLowerCase() === bare) || facts.ip.some((ip) => ip.toLowerCase() === bare);
}

export interface ProblemInput {
  facts: CertificateFacts;
  now: number;
  /** The certificate sits in rejected/: it is untrusted unless a more specific reason is known. */
  inRejected: boolean;
  /** The status code of the last refusal recorded for it, if any. */
  lastStatus: string | null;
  /** The host name PlantBridge used to reach the server presenting it (client side), if known. */
  endpointHost: string | null;
}

/** Every problem of a certificate, the main one first (empty: nothing wrong). */
export function certificateProblems(input: ProblemInput): CertificateProblemDto[] {
  const { facts, now } = input;
  const found = new Map<CertificateProblemKind, string | null>();
  const add = (kind: CertificateProblemKind, code: string | null) => {
    if (!found.has(kind) || (found.get(kind) === null && code !== null)) found.set(kind, code);
  };
  const expired = facts.notAfter <= now;
  const notYetValid = facts.notBefore > now;
  if (input.lastStatus) {
    const kind = kindOfStatus(input.lastStatus, facts, now);
    // A time verdict that no longer holds (the clock moved on) is not repeated.
    const stale = (kind === 'expired' && !expired) || (kind === 'not-yet-valid' && !notYetValid);
    if (kind && !stale) add(kind, input.lastStatus);
  }
  if (expired) add('expired', null);
  if (notYetValid) add('not-yet-valid', null);
  if (facts.keyLength !== null && facts.keyLength < MIN_KEY_LENGTH) add('key-too-short', null);
  if (input.endpointHost && !hostMatches(input.endpointHost, facts)) add('host-name-mismatch', null);
  if (input.inRejected) add('untrusted', input.lastStatus === 'BadCertificateUntrusted' ? input.lastStatus : null);
  const ordered = PRIORITY.filter((k) => found.has(k));
  // A mismatch a peer actually refused (its status code) is the reason, ahead of everything but the hard failures.
  const named = ordered.find((k) => (k === 'host-name-mismatch' || k === 'uri-mismatch') && found.get(k) !== null);
  const hard = PRIORITY.slice(0, PRIORITY.indexOf('untrusted'));
  const main = named && !ordered.some((k) => hard.includes(k)) ? [named] : [];
  return [...main, ...ordered.filter((k) => !main.includes(k))].map((k) => problem(k, found.get(k) ?? null));
}
