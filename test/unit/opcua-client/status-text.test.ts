import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { StatusCodes } from 'node-opcua';
import { explainStatus, statusName } from '../../../src-main/adapters/opcua/status-text.js';

describe('explainStatus', () => {
  const cases: Array<[string, RegExp]> = [
    ['BadCertificateUntrusted', /not trusted.*rejected\/.*Connections page/],
    ['BadSecurityChecksFailed', /not trusted/],
    ['BadCertificateTimeInvalid', /expired or not yet valid/],
    ['BadCertificateHostNameInvalid', /host name/],
    ['BadCertificateUriInvalid', /application URI/],
    ['BadCertificateRevoked', /revoked/],
    ['BadCertificateIssuerRevocationUnknown', /revocation list/],
    ['BadIdentityTokenRejected', /user name or password/],
    ['BadUserAccessDenied', /user name or password/],
    ['BadTimeout', /not reachable.*firewall/],
    ['connect ECONNREFUSED 127.0.0.1:4840', /not reachable/],
    ['BadTcpEndpointUrlInvalid', /opc\.tcp:\/\/host:4840/],
    ['BadSecurityPolicyRejected', /does not offer the configured security mode and policy/],
  ];
  for (const [code, expected] of cases) {
    it(`explains ${code} in plain words`, () => {
      assert.match(explainStatus(code), expected);
    });
  }

  it('accepts node-opcua StatusCode objects and error messages', () => {
    assert.match(explainStatus(StatusCodes.BadCertificateUntrusted), /not trusted/);
    assert.match(explainStatus(new Error('server Certificate verification failed with err BadCertificateUntrusted (0x801a0000)')), /not trusted/);
  });

  it('names unknown codes honestly', () => {
    assert.match(explainStatus('BadNodeIdUnknown'), /answered BadNodeIdUnknown/);
    assert.match(explainStatus('something odd'), /Unexpected error: something odd/);
    assert.equal(explainStatus('Good'), 'The operation succeeded.');
  });

  it('extracts the status code name from text', () => {
    assert.equal(statusName('failed with err BadCertificateUntrusted (0x801a0000)'), 'BadCertificateUntrusted');
    assert.equal(statusName('no code here'), null);
  });
});
