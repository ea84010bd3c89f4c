// The CoAP codec and the uplink's pure rules: round trips, malformed input, paths, bodies, outcomes and timing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CoapFormatError, decodeMessage, encodeMessage, readUint, uintOption, uriPathOptions } from '../../../src-main/domain/coap/coap-message.js';
import {
  classifyResponse,
  coapResourcePath,
  describeCode,
  encodeCoapBody,
  maxTransmitWait,
  pathTemplateProblem,
  RFC7252_TIMING,
  resendDelay,
} from '../../../src-main/domain/coap/coap-uplink-rules.js';
import { linkFormat, representationFor, tagIdOfPath } from '../../../src-main/domain/coap/tag-resources.js';

describe('CoAP message codec', () => {
  it('round-trips a confirmable PUT with long options and a payload', () => {
    const long = 'x'.repeat(300);
    const msg = {
      type: 'CON' as const,
      code: { cls: 0, detail: 3 },
      messageId: 0xbeef,
      token: Buffer.from([1, 2, 3, 4]),
      options: [...uriPathOptions(`plantbridge/${long}/t`), { number: 12, value: uintOption(50) }, { number: 2048, value: Buffer.from('z') }],
      payload: Buffer.from('{"v":1}'),
    };
    const back = decodeMessage(encodeMessage(msg));
    assert.deepEqual(back, msg);
    assert.equal(readUint(uintOption(50)), 50);
    assert.equal(uintOption(0).length, 0, '0 is the empty option value');
  });

  it('encodes the RFC 7252 header bits', () => {
    const buf = encodeMessage({ type: 'ACK', code: { cls: 2, detail: 4 }, messageId: 0x1234, token: Buffer.alloc(0), options: [], payload: Buffer.alloc(0) });
    assert.deepEqual([...buf], [0x60, 0x44, 0x12, 0x34]);
  });

  for (const [what, bytes] of [
    ['a short datagram', [0x40, 0x01]],
    ['version 2', [0x80, 0x01, 0, 1]],
    ['token length 9', [0x49, 0x01, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ['a payload marker without payload', [0x40, 0x01, 0, 1, 0xff]],
    ['an option past the end', [0x40, 0x01, 0, 1, 0xb5, 0x61]],
    ['a reserved option nibble', [0x40, 0x01, 0, 1, 0xf1, 0]],
  ] as const) {
    it(`rejects ${what} with a CoapFormatError`, () => {
      assert.throws(() => decodeMessage(Buffer.from(bytes)), CoapFormatError);
    });
  }
});

describe('CoAP uplink rules', () => {
  it('renders the path template per tag, under the URL base path', () => {
    assert.equal(coapResourcePath('plantbridge/{site}/{area}/{asset}/{tag}', 's1/a1/p1/temp'), 'plantbridge/s1/a1/p1/temp');
    assert.equal(coapResourcePath('pb/{tag}', 's1/a1/p1/temp', 'api/v1'), 'api/v1/pb/temp');
    assert.equal(coapResourcePath('x/{id}', 's1/a1/p1/temp'), 'x/s1/a1/p1/temp');
  });

  it('refuses templates that would collide or break paths', () => {
    assert.match(pathTemplateProblem('plantbridge/{asset}') ?? '', /must contain \{tag\} or \{id\}/);
    assert.match(pathTemplateProblem('a//{tag}') ?? '', /empty or invalid/);
    assert.match(pathTemplateProblem('a/{nope}/{tag}') ?? '', /unknown placeholder/);
    assert.equal(pathTemplateProblem('plantbridge/{site}/{area}/{asset}/{tag}'), null);
  });

  it('encodes {"v","q","ts"} with non-finite numbers as null', () => {
    assert.equal(encodeCoapBody({ tagId: 'a/b/c/d', ts: 5, value: Number.NaN, quality: 'bad' }).toString(), '{"v":null,"q":"bad","ts":5}');
    assert.equal(encodeCoapBody({ tagId: 'a/b/c/d', ts: 5, value: true, quality: 'good' }).toString(), '{"v":true,"q":"good","ts":5}');
    assert.throws(() => encodeCoapBody({ tagId: 'a/b/c/d', ts: Number.NaN, value: 1, quality: 'good' }), RangeError);
  });

  it('treats 2.xx as delivered, 4.xx as rejected for good and 5.xx as retry', () => {
    assert.equal(classifyResponse(2), 'delivered');
    assert.equal(classifyResponse(4), 'rejected');
    assert.equal(classifyResponse(5), 'retry');
    assert.equal(describeCode('4.13'), '4.13 Request Entity Too Large');
  });

  it('uses the RFC 7252 timing: MAX_TRANSMIT_WAIT 93 s, a doubling capped re-send delay', () => {
    assert.equal(maxTransmitWait(RFC7252_TIMING), 93_000);
    assert.deepEqual([1, 2, 3, 10].map((n) => resendDelay(n, 1000, 60_000)), [1000, 2000, 4000, 60_000]);
  });
});

describe('CoAP tag resources', () => {
  it('maps /tags/<id> paths and Accept values', () => {
    assert.equal(tagIdOfPath('/tags/s/a/x/t'), 's/a/x/t');
    assert.equal(tagIdOfPath('/tags/s/a/x'), null);
    assert.equal(representationFor(undefined), 'json');
    assert.equal(representationFor(0), 'text');
    assert.equal(representationFor(60), null);
  });

  it('lists tags in link format and honours an rt filter', () => {
    const tags = [{ id: 's/a/x/t', name: 't', description: '', unit: 'bar' }];
    assert.equal(linkFormat(tags, ''), '</tags/s/a/x/t>;rt="plantbridge.tag";ct=50;obs;title="t";unit="bar"');
    assert.equal(linkFormat(tags, 'rt=plantbridge.*'), linkFormat(tags, ''));
    assert.equal(linkFormat(tags, 'rt=other'), '');
  });
});
