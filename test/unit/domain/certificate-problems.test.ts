// Reason mapping of the certificate doctor: status codes and certificate facts → the main reason and its fix.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { certificateProblems, hostMatches, kindOfStatus, type CertificateFacts } from '../../../src-main/domain/certificate-problems.js';

const NOW = Date.UTC(2026, 0, 15);
const DAY = 86_400_000;
const good: CertificateFacts = {
  notBefore: NOW - 10 * DAY,
  notAfter: NOW + 300 * DAY,
  keyLength: 2048,
  dns: ['plc-7.plant.local'],
  ip: ['10.0.0.7'],
  applicationUri: 'urn:plc-7:server',
};
const kinds = (facts: Partial<CertificateFacts>, over: { inRejected?: boolean; lastStatus?: string | null; endpointHost?: string | null } = {}) =>
  certificateProblems({
    facts: { ...good, ...facts },
    now: NOW,
    inRejected: over.inRejected ?? false,
    lastStatus: over.lastStatus ?? null,
    endpointHost: over.endpointHost ?? null,
  }).map((p) => p.kind);

describe('certificate problem mapping', () => {
  it('maps each certificate status code to its kind', () => {
    const cases: Array<[string, string]> = [
      ['BadCertificateUntrusted', 'untrusted'],
      ['BadCertificateHostNameInvalid', 'host-name-mismatch'],
      ['BadCertificateUriInvalid', 'uri-mismatch'],
      ['BadCertificateRevoked', 'revoked'],
      ['BadCertificateIssuerRevoked', 'revoked'],
      ['BadCertificateChainIncomplete', 'issuer-unknown'],
      ['BadCertificateRevocationUnknown', 'revocation-unknown'],
      ['BadCertificateIssuerTimeInvalid', 'issuer-expired'],
      ['BadCertificateUseNotAllowed', 'use-not-allowed'],
      ['BadSecurityChecksFailed', 'invalid'],
    ];
    for (const [code, kind] of cases) assert.equal(kindOfStatus(code, good, NOW), kind, code);
    assert.equal(kindOfStatus('BadTimeout', good, NOW), null, 'not a certificate code');
  });

  it('tells expired from not yet valid for BadCertificateTimeInvalid by the certificate dates', () => {
    assert.equal(kindOfStatus('BadCertificateTimeInvalid', { ...good, notAfter: NOW - DAY }, NOW), 'expired');
    assert.equal(kindOfStatus('BadCertificateTimeInvalid', { ...good, notBefore: NOW + DAY }, NOW), 'not-yet-valid');
  });

  it('names key too short for a policy check failure on a 1024-bit key', () => {
    assert.equal(kindOfStatus('BadCertificatePolicyCheckFailed', { ...good, keyLength: 1024 }, NOW), 'key-too-short');
    assert.deepEqual(kinds({ keyLength: 1024 }), ['key-too-short']);
  });

  it('finds nothing wrong with a valid trusted certificate', () => {
    assert.deepEqual(kinds({}), []);
  });

  it('puts expired ahead of untrusted for a rejected expired certificate: trusting it would not help', () => {
    const problems = certificateProblems({ facts: { ...good, notAfter: NOW - DAY }, now: NOW, inRejected: true, lastStatus: 'BadCertificateUntrusted', endpointHost: null });
    assert.deepEqual(problems.map((p) => p.kind), ['expired', 'untrusted']);
    assert.match(problems[0]?.fix ?? '', /trusting it does not help/);
    assert.equal(problems[1]?.statusCode, 'BadCertificateUntrusted');
  });

  it('says not yet valid for a certificate whose start date is ahead', () => {
    assert.deepEqual(kinds({ notBefore: NOW + DAY }, { inRejected: true }), ['not-yet-valid', 'untrusted']);
  });

  it('does not repeat a stale time verdict once the certificate is valid', () => {
    assert.deepEqual(kinds({}, { lastStatus: 'BadCertificateTimeInvalid' }), []);
  });

  it('warns about a host name missing from the certificate after the trust verdict', () => {
    assert.deepEqual(kinds({}, { inRejected: true, endpointHost: '127.0.0.1' }), ['untrusted', 'host-name-mismatch']);
    assert.deepEqual(kinds({}, { endpointHost: 'PLC-7.plant.local' }), [], 'names compare case-insensitively');
    assert.deepEqual(kinds({}, { endpointHost: '10.0.0.7' }), [], 'IP addresses match too');
  });

  it('leads with a mismatch a peer refused by its status code', () => {
    assert.deepEqual(kinds({}, { inRejected: true, lastStatus: 'BadCertificateHostNameInvalid' })[0], 'host-name-mismatch');
    assert.deepEqual(kinds({ notAfter: NOW - DAY }, { lastStatus: 'BadCertificateUriInvalid' })[0], 'expired', 'hard failures still lead');
  });

  it('gives every problem a text and a fix', () => {
    const problems = certificateProblems({ facts: { ...good, keyLength: 1024, notAfter: NOW - DAY }, now: NOW, inRejected: true, lastStatus: 'BadCertificateRevoked', endpointHost: 'other' });
    assert.deepEqual(problems.map((p) => p.kind), ['revoked', 'expired', 'key-too-short', 'untrusted', 'host-name-mismatch']);
    for (const p of problems) assert.ok(p.text.length > 10 && p.fix.length > 10, p.kind);
  });

  it('matches bracketed IPv6 hosts', () => {
    assert.equal(hostMatches('[fe80::1]', { ...good, ip: ['fe80::1'] }), true);
  });
});
