// The codec (sparkplug-payload's generated encoder) judged by the independent protobufjs decoder of the test spy,
// and the defensive decoding of NCMD/DCMD payloads.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import spb from 'sparkplug-payload';
import Long from 'long';
import { decodeCommandPayload, encodeSparkplugPayload } from '../../../src-main/adapters/sparkplug/sparkplug-codec.js';
import { SpType } from '../../../src-main/domain/sparkplug/index.js';
import { decodeSparkplug } from '../../fixtures/sparkplug-spy.js';

const codec = spb.get('spBv1.0');

describe('Sparkplug payload codec', () => {
  it('encodes births with datatypes and DATA without, as the independent decoder reads them', () => {
    const bytes = encodeSparkplugPayload({
      timestamp: 1000,
      seq: 7,
      metrics: [
        { name: 'm', alias: 100, timestamp: 999, type: SpType.Int32, datatypeOnWire: true, value: -2, properties: [{ key: 'EngUnit', type: SpType.String, value: 'bar' }] },
        { alias: 101, timestamp: 998, type: SpType.Double, datatypeOnWire: false, value: null, isHistorical: true },
      ],
    });
    const d = decodeSparkplug(bytes);
    assert.equal(d.seq, 7);
    assert.equal(d.timestamp, 1000);
    const [a, b] = d.metrics;
    assert.deepEqual([a?.name, a?.alias, a?.datatype, (a?.value as number) | 0, a?.properties['EngUnit']], ['m', 100, 3, -2, 'bar']);
    assert.deepEqual([b?.name, b?.datatype, b?.is_null, b?.is_historical], [undefined, undefined, true, true]);
  });
  it('omits seq when the payload has none (NDEATH)', () => {
    assert.equal(decodeSparkplug(encodeSparkplugPayload({ timestamp: 1, seq: null, metrics: [] })).seq, null);
  });
});

describe('NCMD/DCMD decoding', () => {
  const encode = (metrics: object[], timestamp = 5) => codec?.encodePayload({ timestamp, metrics: metrics as never }) as Uint8Array;
  it('reads names, aliases, timestamps and typed values', () => {
    const d = decodeCommandPayload(
      encode([
        { name: 'Node Control/Rebirth', type: 'Boolean', value: true },
        { alias: 104, type: 'Int32', value: -7, timestamp: 9 },
        { name: 'big', type: 'Int64', value: Long.fromString('1152921504606846976', true) },
      ]),
    );
    assert.equal(d.timestamp, 5);
    assert.deepEqual(d.metrics.map((m) => [m.name, m.alias, m.timestamp, m.value]), [
      ['Node Control/Rebirth', undefined, null, true],
      [undefined, 104, 9, -7],
      ['big', undefined, null, 2n ** 60n],
    ]);
  });
  it('refuses empty, random and truncated payloads with a reason, never crashing', () => {
    assert.throws(() => decodeCommandPayload(new Uint8Array()), /empty/);
    const good = encode([{ name: 'x', type: 'Double', value: 1.5 }]);
    assert.throws(() => decodeCommandPayload(good.subarray(0, good.length - 3)));
    let refused = 0;
    for (let i = 0; i < 200; i++) {
      const random = new Uint8Array(1 + ((i * 7) % 40)).map((_, j) => (i * 131 + j * 17) & 0xff);
      try {
        decodeCommandPayload(random);
      } catch {
        refused++;
      }
    }
    assert.ok(refused > 100);
  });
});
