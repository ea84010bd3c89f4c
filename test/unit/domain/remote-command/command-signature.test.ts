import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  commandCanonicalString,
  commandTimestampMs,
  parseJsonCommandPayload,
  signJsonCommand,
  verifyCommandHmac,
} from '../../../../src-main/domain/remote-command/index.js';

const TOPIC = 'pb/s/a/pump/speed_sp/set';

describe('JSON command signature', () => {
  it('is HMAC-SHA256 (hex) over topic, JSON value, ts in ms and id, one per line', () => {
    const signed = signJsonCommand({ topic: TOPIC, value: 42.5, ts: '2023-11-14T22:13:20.000Z', user: 'ana', id: 'c1', secret: 's3cret' });
    const expected = createHmac('sha256', 's3cret').update(`${TOPIC}\n42.5\n1700000000000\nc1`).digest('hex');
    assert.deepEqual(signed, { value: 42.5, ts: '2023-11-14T22:13:20.000Z', user: 'ana', id: 'c1', hmac: expected });
  });

  it('round-trips: a signed payload parses and verifies; any other topic, value, ts, id or secret does not', () => {
    const signed = signJsonCommand({ topic: TOPIC, value: 'auto', ts: 1700000000000, user: 'ana', id: 'c1', secret: 'k' });
    const parsed = parseJsonCommandPayload(Buffer.from(JSON.stringify(signed)));
    assert.ok(parsed.ok);
    const { value, tsMs, id, hmac } = parsed.command;
    assert.equal(verifyCommandHmac(commandCanonicalString(TOPIC, value, tsMs, id), hmac, 'k'), true);
    assert.equal(verifyCommandHmac(commandCanonicalString('pb/s/a/pump/other/set', value, tsMs, id), hmac, 'k'), false);
    assert.equal(verifyCommandHmac(commandCanonicalString(TOPIC, 'manual', tsMs, id), hmac, 'k'), false);
    assert.equal(verifyCommandHmac(commandCanonicalString(TOPIC, value, tsMs + 1, id), hmac, 'k'), false);
    assert.equal(verifyCommandHmac(commandCanonicalString(TOPIC, value, tsMs, 'c2'), hmac, 'k'), false);
    assert.equal(verifyCommandHmac(commandCanonicalString(TOPIC, value, tsMs, id), hmac, 'K'), false);
    assert.equal(verifyCommandHmac(commandCanonicalString(TOPIC, value, tsMs, id), hmac.toUpperCase(), 'k'), true, 'hex case does not matter');
  });

  it('distinguishes the string "1" from the number 1 (the value is signed as JSON)', () => {
    const asNumber = signJsonCommand({ topic: TOPIC, value: 1, ts: 5, user: 'u', id: 'i', secret: 'k' });
    const asString = signJsonCommand({ topic: TOPIC, value: '1', ts: 5, user: 'u', id: 'i', secret: 'k' });
    assert.notEqual(asNumber.hmac, asString.hmac);
  });

  it('refuses to sign a timestamp the bridge would refuse', () => {
    assert.throws(() => signJsonCommand({ topic: TOPIC, value: 1, ts: '2023-11-14 22:13', user: 'u', id: 'i', secret: 'k' }), /ISO 8601/);
  });
});

describe('command timestamps', () => {
  it('reads ms epochs and ISO 8601 with Z or an offset, cutting sub-millisecond digits', () => {
    assert.equal(commandTimestampMs(1700000000000), 1700000000000);
    assert.equal(commandTimestampMs('2023-11-14T22:13:20Z'), 1700000000000);
    assert.equal(commandTimestampMs('2023-11-14T23:43:20.123456+01:30'), 1700000000123);
    assert.equal(commandTimestampMs('2023-11-14T20:13:20.5-02:00'), 1700000000500);
    assert.equal(commandTimestampMs('2024-02-29T00:00:00Z'), Date.parse('2024-02-29T00:00:00Z'));
  });

  it('refuses local times, impossible dates, fractions of ms epochs and other types', () => {
    for (const bad of ['2023-11-14T22:13:20', '2023-02-29T00:00:00Z', '2023-13-01T00:00:00Z', '2023-01-01T24:00:00Z', '2023-01-01T00:00:60Z', '2023-01-01T00:00:00+24:00', 1.5, -1, Number.NaN, null, true]) {
      assert.equal(commandTimestampMs(bad), null, String(bad));
    }
  });
});
