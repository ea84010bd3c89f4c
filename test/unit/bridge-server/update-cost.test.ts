// Measures (prints, never asserts) what one sample costs on the bridge server's data path, for the two ways of
// feeding node-opcua: setValueFromSource per sample (value_changed event, DataValue per sample) versus the
// TagTree's bound timestamped_get over a lazily built cached DataValue (what bridge-server uses).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataType, StatusCodes, Variant } from 'node-opcua';
import type { AddressSpace, UAVariable } from 'node-opcua';
import { TagTree } from '../../../src-main/adapters/opcua/server/tag-tree.js';
import type { TagSample } from '../../../src-main/contract/index.js';
import type { TagDef } from '../../../src-main/domain/tags.js';
import { standardAddressSpace } from './address-space.js';

const TAGS = 1000;
const SAMPLES = 300_000; // ten seconds of the 30,000 changes/s target
const BATCH = 1000;
const SLOW_SAMPLES = 50_000; // fewer for the slow path: keeps the file well under 30 s

function defs(prefix: string): TagDef[] {
  return Array.from({ length: TAGS }, (_, i) => ({
    id: `${prefix}/A/Asset${Math.floor(i / 20)}/T${i}`, site: prefix, area: 'A', asset: `Asset${Math.floor(i / 20)}`, name: `T${i}`,
    sourceId: 's', nodeId: 'i=1', dataType: 'Double' as const, unit: 'bar', euRange: { low: 0, high: 100 }, description: '',
    writable: false, group: 'g', alarms: null, deadband: null,
  }));
}

function batches(tags: TagDef[], total: number): TagSample[][] {
  const out: TagSample[][] = [];
  const t0 = Date.now();
  for (let b = 0; b < total / BATCH; b++) {
    const samples: TagSample[] = [];
    for (let i = 0; i < BATCH; i++) {
      const n = b * BATCH + i;
      samples.push({ tagId: tags[n % TAGS]!.id, ts: t0 + n, value: n % 97, quality: 'good' });
    }
    out.push(samples);
  }
  return out;
}

function nsPerSample(run: () => void, samples: number): number {
  run(); // warm-up
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / samples;
}

describe('bridge server update cost (measurement)', () => {
  let addressSpace: AddressSpace;
  before(async () => {
    addressSpace = await standardAddressSpace();
  });
  after(() => addressSpace.dispose());

  it('prints ns per sample for setValueFromSource vs cached timestamped_get', (t) => {
    const noop = { debug() {}, info() {}, warn() {}, error() {} };
    const tree = new TagTree(addressSpace, async () => ({ status: 'Good', message: '' }), { accepted: 0, rejected: 0 }, noop);
    const cachedTags = defs('Cached');
    tree.setTags(cachedTags);
    const cachedBatches = batches(cachedTags, SAMPLES);
    const cached = nsPerSample(() => {
      for (const samples of cachedBatches) tree.update({ samples });
    }, SAMPLES);

    const ns = addressSpace.getOwnNamespace();
    const plainTags = defs('Plain');
    const vars = new Map<string, UAVariable>();
    for (const d of plainTags) {
      const v = ns.addAnalogDataItem({ nodeId: `s=${d.id}`, browseName: d.name, organizedBy: addressSpace.rootFolder.objects, dataType: 'Double', engineeringUnitsRange: { low: 0, high: 100 }, minimumSamplingInterval: 0 });
      // a listener, as a subscribed client's exception-based monitored item would add
      v.on('value_changed', () => undefined);
      vars.set(d.id, v);
    }
    const plainBatches = batches(plainTags, SLOW_SAMPLES);
    const perSample = nsPerSample(() => {
      for (const samples of plainBatches) {
        for (const s of samples) {
          vars.get(s.tagId)!.setValueFromSource(new Variant({ dataType: DataType.Double, value: s.value }), StatusCodes.Good, new Date(s.ts));
        }
      }
    }, SLOW_SAMPLES);
    const report = `per sample: cached timestamped_get ${cached.toFixed(0)} ns, setValueFromSource ${perSample.toFixed(0)} ns ` +
      `(at 30,000 changes/s: ${((cached * 30_000) / 1e7).toFixed(2)} % vs ${((perSample * 30_000) / 1e7).toFixed(2)} % of one core)`;
    t.diagnostic(report);
    assert.ok(cached > 0 && perSample > 0);
  });
});
