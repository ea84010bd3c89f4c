import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from '../../../../src-main/adapters/simulator/model/prng.js';
import {
  MAX_PAYLOAD_BYTES,
  parseJsonCommandPayload,
  type MalformedCode,
} from '../../../../src-main/domain/remote-command/index.js';

const HMAC = 'ab'.repeat(32);
const fields = (over: string[] = []) => ['"ts":1700000000000', '"user":"ana"', '"id":"cmd-1"', `"hmac":"${HMAC}"`, ...over];
/** A payload with the given "value" token and the other four fields valid. */
const withValue = (valueToken: string) => `{"value":${valueToken},${fields().join(',')}}`;
/** A payload with every field valid except the one overridden. */
const withField = (key: string, token: string) =>
  `{${['"value":1', ...fields()].map((f) => (f.startsWith(`"${key}"`) ? `"${key}":${token}` : f)).join(',')}}`;

const parse = (payload: string | Buffer) => parseJsonCommandPayload(typeof payload === 'string' ? Buffer.from(payload) : payload);

describe('JSON command payload: accepted', () => {
  it('reads value, ts (ms), user, id and hmac', () => {
    assert.deepEqual(parse(withValue('42.5')), { ok: true, command: { value: 42.5, tsMs: 1700000000000, user: 'ana', id: 'cmd-1', hmac: HMAC } });
  });

  it('takes booleans and strings as values, and an ISO 8601 ts with offset', () => {
    const iso = parse(`{"value":true,"ts":"2023-11-14T23:13:20.250+01:00","user":"ana","id":"x","hmac":"${HMAC}"}`);
    assert.ok(iso.ok);
    assert.equal(iso.command.value, true);
    assert.equal(iso.command.tsMs, Date.parse('2023-11-14T22:13:20.250Z'));
    const text = parse(withValue('"auto mode"'));
    assert.ok(text.ok && text.command.value === 'auto mode');
  });

  it('takes 2^53 - 1, exponents that stay exact (1e20) and ordinary fractions', () => {
    for (const [token, value] of [['9007199254740991', 9007199254740991], ['-9007199254740991', -9007199254740991], ['1e20', 1e20], ['0.1', 0.1], ['-0.5e-3', -0.0005]] as const) {
      const r = parse(withValue(token));
      assert.ok(r.ok, token);
      assert.equal(r.command.value, value);
    }
  });

  it('takes any key order and insignificant whitespace', () => {
    assert.ok(parse(` {\n "hmac" : "${HMAC}", "id":"a","user":"ana","ts":5,"value":-1 }\n`).ok);
  });
});

describe('JSON command payload: every malformed case has its own reason', () => {
  const cases: [string, string | Buffer, MalformedCode][] = [
    ['an empty payload', '', 'empty'],
    ['a whitespace-only payload', '  \n ', 'empty'],
    ['a payload over 16 KiB', withValue(`"${'x'.repeat(MAX_PAYLOAD_BYTES)}"`), 'too-large'],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]), 'invalid-utf8'],
    ['an overlong UTF-8 encoding', Buffer.concat([Buffer.from('{"value":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), 'invalid-utf8'],
    ['random bytes', Buffer.from([0x9f, 0x00, 0x13, 0x37, 0xfe]), 'invalid-utf8'],
    ['text that is not JSON', 'hello', 'not-json'],
    ['a truncated object', withValue('1').slice(0, 30), 'not-json'],
    ['a truncated string', '{"value":"abc', 'not-json'],
    ['trailing garbage', `${withValue('1')}x`, 'not-json'],
    ['two objects', `${withValue('1')}${withValue('1')}`, 'not-json'],
    ['single quotes', withValue("'a'"), 'not-json'],
    ['a trailing comma', `{"value":1,${fields().join(',')},}`, 'not-json'],
    ['a leading zero', withValue('01'), 'not-json'],
    ['a hex number', withValue('0x10'), 'not-json'],
    ['a raw newline inside a string', withValue('"a\nb"'), 'not-json'],
    ['a bad escape', withValue('"\\x41"'), 'not-json'],
    ['a byte order mark', `\ufeff${withValue('1')}`, 'not-json'],
    ['an array at the top', '[1,2]', 'not-an-object'],
    ['a number at the top', '42', 'not-an-object'],
    ['null at the top', 'null', 'not-an-object'],
    ['a __proto__ key', `{"__proto__":{"admin":true},${fields().join(',')}}`, 'forbidden-key'],
    ['a constructor key', `{"constructor":1,"value":1,${fields().join(',')}}`, 'forbidden-key'],
    ['a prototype key', `{"value":1,"prototype":1,${fields().join(',')}}`, 'forbidden-key'],
    ['a duplicate key (last one would win in JSON.parse)', `{"value":1,"value":99,${fields().join(',')}}`, 'duplicate-key'],
    ['a duplicate key spelled with an escape', `{"value":1,"\\u0076alue":99,${fields().join(',')}}`, 'duplicate-key'],
    ['an unknown key', `{"value":1,${fields(['"force":true']).join(',')}}`, 'unknown-key'],
    ['a missing hmac', `{"value":1,"ts":1,"user":"ana","id":"a"}`, 'missing-key'],
    ['a missing value', `{${fields().join(',')}}`, 'missing-key'],
    ['an empty object', '{}', 'missing-key'],
    ['an array as value', withValue('[1,2]'), 'value-not-scalar'],
    ['an object as value', withValue('{"v":1}'), 'value-not-scalar'],
    ['null as value', withValue('null'), 'wrong-type'],
    ['NaN', withValue('NaN'), 'not-finite'],
    ['Infinity', withValue('Infinity'), 'not-finite'],
    ['-Infinity', withValue('-Infinity'), 'not-finite'],
    ['"NaN" as a string', withValue('"NaN"'), 'not-finite'],
    ['"Infinity" as a string', withValue('"Infinity"'), 'not-finite'],
    ['"-inf" as a string', withValue('"-inf"'), 'not-finite'],
    ['exponent overflow 1e400', withValue('1e400'), 'not-finite'],
    ['negative exponent overflow -2E+999', withValue('-2E+999'), 'not-finite'],
    ['an integer of 2^53 + 1', withValue('9007199254740993'), 'unsafe-integer'],
    ['an integer of 2^53 (no longer safe)', withValue('9007199254740992'), 'unsafe-integer'],
    ['a negative integer beyond -2^53', withValue('-9007199254740993'), 'unsafe-integer'],
    ['a 20-digit integer', withValue('12345678901234567890'), 'unsafe-integer'],
    ['2^53 + 1 written with a fraction', withValue('9007199254740993.0'), 'unsafe-integer'],
    ['2^53 + 1 written with an exponent', withValue('9.007199254740993e15'), 'unsafe-integer'],
    ['a string over 4 KiB', withValue(`"${'x'.repeat(4097)}"`), 'string-too-long'],
    ['a string over 4 KiB in UTF-8 bytes', withValue(`"${'é'.repeat(2049)}"`), 'string-too-long'],
    ['NUL in a string', withValue('"a\\u0000b"'), 'bad-string'],
    ['a lone surrogate', withValue('"\\ud800"'), 'bad-string'],
    ['ts as a boolean', withField('ts', 'true'), 'wrong-type'],
    ['ts as a fraction', withField('ts', '1.5'), 'bad-timestamp'],
    ['ts negative', withField('ts', '-1'), 'bad-timestamp'],
    ['ts without offset', withField('ts', '"2023-11-14T22:13:20"'), 'bad-timestamp'],
    ['ts on 30 February', withField('ts', '"2024-02-30T00:00:00Z"'), 'bad-timestamp'],
    ['ts as free text', withField('ts', '"yesterday"'), 'bad-timestamp'],
    ['ts beyond 2^53', withField('ts', '99999999999999999'), 'unsafe-integer'],
    ['user as a number', withField('user', '7'), 'wrong-type'],
    ['user with a slash', withField('user', '"ana/admin"'), 'bad-user'],
    ['an empty user', withField('user', '""'), 'bad-user'],
    ['id as a number', withField('id', '12'), 'wrong-type'],
    ['an id of 65 characters', withField('id', `"${'i'.repeat(65)}"`), 'bad-id'],
    ['an id with a newline', withField('id', '"a\\nb"'), 'bad-id'],
    ['an empty id', withField('id', '""'), 'bad-id'],
    ['hmac as an array', withField('hmac', '["ab"]'), 'value-not-scalar'],
    ['hmac as a number', withField('hmac', '1'), 'wrong-type'],
    ['hmac too short', withField('hmac', '"abcd"'), 'bad-hmac-format'],
    ['hmac not hex', withField('hmac', `"${'zz'.repeat(32)}"`), 'bad-hmac-format'],
  ];

  for (const [what, payload, code] of cases) {
    it(`refuses ${what} (${code})`, () => {
      const r = parse(payload);
      assert.equal(r.ok, false, `accepted: ${JSON.stringify(r)}`);
      assert.equal(!r.ok && r.code, code, !r.ok ? r.detail : '');
      assert.ok(!r.ok && r.detail.length > 0 && r.detail.length < 300, 'a short, readable detail');
    });
  }
});


describe('JSON command payload: fuzz', () => {
  it('refuses 4,000 seeded random byte payloads without throwing', () => {
    const random = mulberry32(4);
    for (let n = 0; n < 4000; n += 1) {
      const bytes = Buffer.alloc(Math.floor(random() * 300), 0);
      for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(random() * 256);
      const r = parse(bytes);
      assert.equal(r.ok, false, `payload #${n} accepted: ${bytes.toString('hex')}`);
    }
  });

  it('refuses every truncation of a valid payload, and survives 4,000 single-byte mutations of it', () => {
    const valid = Buffer.from(withValue('12.5'));
    for (let cut = 0; cut < valid.length; cut += 1) assert.equal(parse(valid.subarray(0, cut)).ok, false, `truncated at ${cut}`);
    const random = mulberry32(53);
    for (let n = 0; n < 4000; n += 1) {
      const mutated = Buffer.from(valid);
      mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
      const r = parse(mutated); // must not throw; may still be well-formed (e.g. a changed digit)
      if (r.ok) assert.deepEqual(Object.keys(r.command).sort(), ['hmac', 'id', 'tsMs', 'user', 'value']);
    }
  });
});
