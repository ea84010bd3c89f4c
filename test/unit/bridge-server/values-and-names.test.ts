import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataType } from 'node-opcua';
import { euInformationFor } from '../../../src-main/adapters/opcua/server/eu-information.js';
import { dataValueFor, statusForQuality, variantFor } from '../../../src-main/adapters/opcua/server/live-value.js';
import { isLoopback } from '../../../src-main/adapters/opcua/server/index.js';
import { securityProfile } from '../../../src-main/adapters/opcua/server/security-profile.js';
import { createUserDirectory } from '../../../src-main/adapters/opcua/server/user-directory.js';
import { statusCodeFromName } from '../../../src-main/adapters/opcua/server/write-path.js';
import { hashPassword } from '../../../src-main/adapters/auth/password-hash.js';

describe('isLoopback', () => {
  it('accepts 127.0.0.0/8, ::1, mapped IPv4 loopback and localhost', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1', 'localhost']) assert.equal(isLoopback(h), true, h);
  });
  it('refuses all-interfaces and real addresses', () => {
    for (const h of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'plant-pc', '128.0.0.1']) assert.equal(isLoopback(h), false, h);
  });
});

describe('engineering units', () => {
  it('maps common plant units to UNECE common codes', () => {
    const codes = Object.fromEntries(['m³/h', 'bar', 'A', '°C', 'mm/s', '%', 'm/s'].map((u) => [u, euInformationFor(u).unitId]));
    assert.deepEqual(codes, { 'm³/h': 0x4d5148, bar: 0x424152, A: 0x414d50, '°C': 0x43454c, 'mm/s': 0x433136, '%': 0x5031, 'm/s': 0x4d5453 });
  });
  it('keeps an unknown unit as its display name with unitId -1', () => {
    const eu = euInformationFor('strokes/min');
    assert.equal(eu.unitId, -1);
    assert.equal(eu.displayName.text, 'strokes/min');
  });
});

describe('live values', () => {
  it('maps quality to StatusCode (stale: UncertainLastUsableValue, the last value, not live)', () => {
    assert.deepEqual(
      (['good', 'uncertain', 'bad', 'stale'] as const).map((q) => statusForQuality(q).name),
      ['Good', 'Uncertain', 'Bad', 'UncertainLastUsableValue'],
    );
  });
  it('converts values to the node DataType and refuses what does not fit', () => {
    assert.equal(variantFor('Int16', 5)?.dataType, DataType.Int16);
    assert.equal(variantFor('Int16', 40000), null);
    assert.equal(variantFor('UInt32', -1), null);
    assert.equal(variantFor('Int32', 1.5), null);
    assert.equal(variantFor('Boolean', 1)?.value, true);
    assert.equal(variantFor('Double', 'x'), null);
    assert.equal(variantFor('String', 3)?.value, '3');
  });
  it('shows a sample that cannot be represented as a Bad status, never as a made-up value', () => {
    assert.equal(dataValueFor('Double', { tagId: 't', ts: 1, value: 'oops', quality: 'good' }).statusCode.name, 'BadTypeMismatch');
    assert.equal(dataValueFor('Double', { tagId: 't', ts: 1, value: null, quality: 'bad' }).statusCode.name, 'Bad');
    assert.equal(dataValueFor('Double', { tagId: 't', ts: 1, value: null, quality: 'good' }).statusCode.name, 'BadNoDataAvailable');
  });
});

describe('write status names', () => {
  it('turns the gate answer into the StatusCode, and an unknown name into Bad (never Good)', () => {
    assert.equal(statusCodeFromName('BadOutOfRange').name, 'BadOutOfRange');
    assert.equal(statusCodeFromName('Good').name, 'Good');
    assert.equal(statusCodeFromName('NotAStatus').name, 'Bad');
  });
});

describe('security profile', () => {
  it('is SignAndEncrypt/Sign with three current policies by default, None and anonymous only in commissioning mode', () => {
    const secure = securityProfile(false);
    assert.equal(secure.allowAnonymous, false);
    assert.ok(!secure.securityPolicies.some((p) => /None|Basic128Rsa15|#Basic256$/.test(p)));
    const commissioning = securityProfile(true);
    assert.equal(commissioning.allowAnonymous, true);
    assert.ok(commissioning.securityPolicies.some((p) => p.endsWith('#None')));
  });
});

describe('user directory', () => {
  const hash = hashPassword('pw');
  const users = createUserDirectory([
    { username: 'op', passwordHash: hash, roles: ['operator'] },
    { username: 'view', passwordHash: hash, roles: ['viewer'] },
  ]);
  it('checks passwords against the scrypt hash and refuses unknown users', () => {
    assert.equal(users.isValidUser('op', 'pw'), true);
    assert.equal(users.isValidUser('op', 'PW'), false);
    assert.equal(users.isValidUser('ghost', 'pw'), false);
  });
  it('maps roles to the well-known OPC UA roles (Operator, Observer), a fresh list each call', () => {
    assert.deepEqual(users.getUserRoles('op').map((n) => n.toString()), ['ns=0;i=15680']);
    assert.deepEqual(users.getUserRoles('view').map((n) => n.toString()), ['ns=0;i=15668']);
    assert.notEqual(users.getUserRoles('op'), users.getUserRoles('op'));
    assert.deepEqual(users.getUserRoles('ghost'), []);
  });
});
