// Pure Sparkplug logic: sequence numbers, device ids, aliases, datatypes, STATE parsing, outbox record bodies.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  HostStateTracker,
  MetricCatalog,
  SeqCounter,
  assignDeviceIds,
  coerceValue,
  decodeBatchRecord,
  encodeBatchRecord,
  batchRecordKey,
  nextBdSeq,
  parseHostState,
  parseSparkplugTopic,
  qualityProperties,
  SpType,
  DeviceLiveness,
} from '../../../src-main/domain/sparkplug/index.js';
import { makeTag } from '../../fixtures/tags.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('Sparkplug sequence numbers', () => {
  it('seq starts at 0 on NBIRTH and wraps 255 -> 0 (tck-id-payloads-sequence-num-incrementing)', () => {
    const seq = new SeqCounter();
    assert.equal(seq.birth(), 0);
    const values = Array.from({ length: 300 }, () => seq.next());
    assert.equal(values[254], 255);
    assert.equal(values[255], 0);
    assert.equal(values[0], 1);
  });
  it('bdSeq starts at 0 and wraps 255 -> 0 (tck-id-payloads-nbirth-bdseq-inc)', () => {
    assert.equal(nextBdSeq(null), 0);
    assert.equal(nextBdSeq(41), 42);
    assert.equal(nextBdSeq(255), 0);
  });
});

describe('Sparkplug topics and device ids', () => {
  it('parses node and device topics and rejects others', () => {
    assert.deepEqual(parseSparkplugTopic('spBv1.0/G/DCMD/E/area.asset'), { groupId: 'G', type: 'DCMD', edgeNodeId: 'E', deviceId: 'area.asset' });
    assert.deepEqual(parseSparkplugTopic('spBv1.0/G/NCMD/E'), { groupId: 'G', type: 'NCMD', edgeNodeId: 'E', deviceId: null });
    for (const bad of ['spBv1.0/STATE/h', 'spBv1.0/G/NCMD/E/d', 'spBv1.0/G/DCMD/E', 'x/G/NCMD/E', 'spBv1.0/G/XX/E']) {
      assert.equal(parseSparkplugTopic(bad), null, bad);
    }
  });
  it('names a device <area>.<asset>, and <site>.<area>.<asset> only where two sites clash', () => {
    const ids = assignDeviceIds([
      { site: 's1', area: 'a', asset: 'p' },
      { site: 's2', area: 'a', asset: 'p' },
      { site: 's1', area: 'b', asset: 'p' },
    ]);
    assert.deepEqual([...ids.values()], ['s1.a.p', 's2.a.p', 'b.p']);
  });
  it('keeps device ids already assigned when assets are added', () => {
    const first = assignDeviceIds([{ site: 's1', area: 'a', asset: 'p' }]);
    const second = assignDeviceIds([{ site: 's1', area: 'a', asset: 'p' }, { site: 's2', area: 'a', asset: 'p' }], first);
    assert.equal(second.get('s1/a/p'), 'a.p');
    assert.equal(second.get('s2/a/p'), 's2.a.p');
  });
});

describe('Sparkplug metric catalog', () => {
  const tags = [makeTag({ id: 's/a/p/flow' }), makeTag({ id: 's/a/p/temp' }), makeTag({ id: 's/b/q/level', dataType: 'Int16' })];
  it('gives every metric a unique alias, stable across setTags calls', () => {
    const catalog = new MetricCatalog();
    assert.equal(catalog.setTags(tags), true);
    const before = tags.map((t) => catalog.byTag(t.id)?.alias);
    assert.equal(new Set(before).size, 3);
    assert.equal(catalog.setTags([...tags].reverse()), false, 'same set, no rebirth needed');
    catalog.setTags([tags[1] as never, makeTag({ id: 's/a/p/new' })]);
    assert.equal(catalog.byTag('s/a/p/temp')?.alias, before[1]);
    assert.ok(!before.includes(catalog.byTag('s/a/p/new')?.alias));
  });
  it('resolves DCMD metrics by name or alias only within their device', () => {
    const catalog = new MetricCatalog();
    catalog.setTags(tags);
    const flow = catalog.byTag('s/a/p/flow');
    assert.equal(catalog.resolve('a.p', { name: 'flow' }), flow);
    assert.equal(catalog.resolve('a.p', { alias: flow?.alias }), flow);
    assert.equal(catalog.resolve('b.q', { alias: flow?.alias }), undefined);
    assert.equal(catalog.resolve('a.p', { name: '__proto__' }), undefined);
    assert.equal(catalog.resolve('a.p', { name: 'flow/#' }), undefined);
  });
});

describe('Sparkplug datatypes and quality', () => {
  it('coerces values to the declared type, null when not representable', () => {
    assert.equal(coerceValue(SpType.Int16, 40000), null);
    assert.equal(coerceValue(SpType.Int32, -5.7), -5);
    assert.equal(coerceValue(SpType.UInt32, -1), null);
    assert.equal(coerceValue(SpType.Boolean, 0), false);
    assert.equal(coerceValue(SpType.String, 3), '3');
    assert.ok(Number.isNaN(coerceValue(SpType.Double, Number.NaN)));
    assert.equal(coerceValue(SpType.Double, 'x'), null);
  });
  it('maps quality to the spec codes: none when good, 0 bad, 500 stale', () => {
    assert.equal(qualityProperties('good'), undefined);
    assert.equal(qualityProperties('bad')?.[0]?.value, 0);
    assert.equal(qualityProperties('stale')?.[0]?.value, 500);
    assert.deepEqual(qualityProperties('uncertain')?.map((p) => p.value), [0, 'uncertain']);
  });
});

describe('primary host STATE', () => {
  it('parses the 3.0 JSON and refuses anything else', () => {
    assert.deepEqual(parseHostState(enc('{"online":true,"timestamp":5}')), { ok: true, state: { online: true, timestamp: 5 } });
    for (const bad of ['', 'ONLINE', '{"online":"yes","timestamp":1}', '{"online":true}', '[1]', '{"online":true,"timestamp":-1}']) {
      assert.equal(parseHostState(enc(bad)).ok, false, bad);
    }
    assert.equal(parseHostState(new Uint8Array([0xff, 0xfe])).ok, false);
  });
  it('honours offline only with a timestamp >= the last online (tck-id-…-termination-host-offline-timestamp)', () => {
    const host = new HostStateTracker();
    assert.equal(host.apply({ online: false, timestamp: 1 }), 'ignored');
    assert.equal(host.apply({ online: true, timestamp: 10 }), 'online');
    assert.equal(host.apply({ online: false, timestamp: 9 }), 'ignored');
    assert.equal(host.isOnline, true);
    assert.equal(host.apply({ online: false, timestamp: 10 }), 'offline');
    assert.equal(host.apply({ online: true, timestamp: 11 }), 'online');
  });
});

describe('device liveness', () => {
  it('reports a device dead when all its tags are stale, and back at the next good sample', () => {
    const live = new DeviceLiveness();
    live.observe('d', 't1', true);
    assert.deepEqual(live.transitions(() => 2), { died: [], revived: [] });
    live.observe('d', 't2', true);
    assert.deepEqual(live.transitions(() => 2), { died: ['d'], revived: [] });
    live.observe('d', 't2', false);
    assert.deepEqual(live.transitions(() => 2), { died: [], revived: ['d'] });
  });
});

describe('outbox record body', () => {
  it('round-trips samples, including NaN and Infinity, with the key readable on its own', () => {
    const record = {
      key: 'abc.7',
      deviceId: 'a.p',
      samples: [
        { tagId: 's/a/p/x', ts: 1, value: Number.NaN, quality: 'good' as const },
        { tagId: 's/a/p/y', ts: 2, value: 'text', quality: 'stale' as const },
        { tagId: 's/a/p/x', ts: 3, value: -Infinity, quality: 'bad' as const },
        { tagId: 's/a/p/y', ts: 4, value: null, quality: 'uncertain' as const },
      ],
    };
    const body = encodeBatchRecord(record);
    assert.equal(batchRecordKey(body), 'abc.7');
    assert.deepEqual(decodeBatchRecord(body), record);
    assert.throws(() => decodeBatchRecord('k\n{"d":1}'));
  });
});
