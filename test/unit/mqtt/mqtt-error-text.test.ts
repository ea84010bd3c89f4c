import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeMqttError, redactUrl } from '../../../src-main/adapters/mqtt/mqtt-error-text.js';

const broker = { host: '127.0.0.1', port: 1883 };
const withCode = (message: string, code: string | number): Error => Object.assign(new Error(message), { code });

describe('describeMqttError', () => {
  it('names the broker and the socket code for a refused connection', () => {
    assert.equal(
      describeMqttError(withCode('connect ECONNREFUSED 127.0.0.1:1883', 'ECONNREFUSED'), broker),
      'broker 127.0.0.1:1883 refused the connection (ECONNREFUSED)',
    );
  });

  it('says "not authorised: bad user name or password" for CONNACK codes 4 and 134', () => {
    assert.match(describeMqttError(withCode('Connection refused: Bad username or password', 4), broker), /^not authorised: bad user name or password/);
    assert.match(describeMqttError(withCode('x', 134), broker), /^not authorised: bad user name or password/);
  });

  it('says not authorised for CONNACK code 5 (what mosquitto sends for a wrong password)', () => {
    assert.match(describeMqttError(withCode('Connection refused: Not authorized', 5), broker), /^not authorised/);
  });

  it('explains TLS trust failures', () => {
    assert.match(describeMqttError(withCode('self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'), broker), /^TLS: .*self-signed/);
  });

  it('explains an unresolvable host name', () => {
    assert.match(describeMqttError(withCode('getaddrinfo ENOTFOUND x', 'ENOTFOUND'), { host: 'broker.invalid', port: 1883 }), /"broker.invalid" could not be resolved/);
  });
});

describe('redactUrl', () => {
  it('removes user name and password from the URL', () => {
    assert.equal(redactUrl('mqtt://user:secret@10.0.0.5:1883'), 'mqtt://10.0.0.5:1883');
  });

  it('leaves a URL without credentials as it is', () => {
    assert.equal(redactUrl('mqtts://broker.example:8883'), 'mqtts://broker.example:8883');
  });
});
