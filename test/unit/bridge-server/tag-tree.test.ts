import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AttributeIds, DataType, NodeClass, SessionContext } from 'node-opcua';
import type { AddressSpace, UAVariable } from 'node-opcua';
import { TagTree, MIN_SAMPLING_INTERVAL_MS } from '../../../src-main/adapters/opcua/server/tag-tree.js';
import type { TagDef } from '../../../src-main/domain/tags.js';
import type { Log } from '../../../src-main/services/ports.js';
import { standardAddressSpace } from './address-space.js';

const log: Log = { debug() {}, info() {}, warn() {}, error() {} };

function tag(site: string, asset: string, name: string, over: Partial<TagDef> = {}): TagDef {
  return {
    id: `${site}/Area/${asset}/${name}`, site, area: 'Area', asset, name, sourceId: 's', nodeId: 'i=1',
    dataType: 'Double', unit: 'bar', euRange: { low: 0, high: 10 }, description: 'd', writable: false,
    group: 'g', alarms: null, deadband: null, ...over,
  };
}

describe('TagTree (address-space mirror of the tag tree)', () => {
  let addressSpace: AddressSpace;
  before(async () => {
    addressSpace = await standardAddressSpace();
  });
  after(() => addressSpace.dispose());

  const find = (id: string): UAVariable | null => addressSpace.findNode(`ns=1;s=${id}`) as UAVariable | null;
  const typeName = (v: UAVariable): string => v.typeDefinitionObj.browseName.name ?? '';

  it('creates folders per level and typed variables: AnalogItemType with a range, BaseAnalogType without, plain for Boolean/String', () => {
    const tree = new TagTree(addressSpace, async () => ({ status: 'Good', message: '' }), { accepted: 0, rejected: 0 }, log);
    const pressure = tag('S1', 'P1', 'Pressure');
    const speed = tag('S1', 'P1', 'Speed', { unit: 'rpm', euRange: null, dataType: 'Float' });
    const running = tag('S1', 'P1', 'Running', { dataType: 'Boolean', unit: '', euRange: null });
    const mode = tag('S1', 'P1', 'Mode', { dataType: 'String', unit: '', euRange: null, writable: true });
    tree.setTags([pressure, speed, running, mode]);
    assert.equal(tree.size, 4);
    assert.equal(addressSpace.findNode('ns=1;s=S1/Area/P1')?.nodeClass, NodeClass.Object);
    assert.equal(typeName(find(pressure.id)!), 'AnalogItemType');
    assert.equal(typeName(find(speed.id)!), 'BaseAnalogType');
    assert.ok(find(speed.id)!.getPropertyByName('EngineeringUnits'), 'a unit without a range is still published');
    assert.equal(typeName(find(running.id)!), 'BaseDataVariableType');
    assert.equal(find(speed.id)!.dataType.value, DataType.Float);
    assert.equal(find(mode.id)!.accessLevel, 3);
    assert.equal(find(pressure.id)!.accessLevel, 1);
    assert.equal(find(pressure.id)!.minimumSamplingInterval, MIN_SAMPLING_INTERVAL_MS);
  });

  it('serves the latest sample of a batch, built lazily on read', () => {
    const tree = new TagTree(addressSpace, async () => ({ status: 'Good', message: '' }), { accepted: 0, rejected: 0 }, log);
    const level = tag('S2', 'T1', 'Level', { unit: '%', euRange: { low: 0, high: 100 } });
    tree.setTags([level]);
    const variable = find(level.id)!;
    assert.equal(variable.readValue().statusCode.name, 'BadWaitingForInitialData');
    tree.update({ samples: [
      { tagId: level.id, ts: 1000, value: 1, quality: 'good' },
      { tagId: 'unknown/tag/is/ignored', ts: 1000, value: 1, quality: 'good' },
      { tagId: level.id, ts: 2000, value: 2, quality: 'uncertain' },
    ] });
    const dv = variable.readAttribute(SessionContext.defaultContext, AttributeIds.Value);
    assert.equal(dv.value.value, 2);
    assert.equal(dv.statusCode.name, 'Uncertain');
    assert.equal(dv.sourceTimestamp?.getTime(), 2000);
  });

  it('removes dropped tags and the folders left empty, re-creates a tag whose shape changed', () => {
    const tree = new TagTree(addressSpace, async () => ({ status: 'Good', message: '' }), { accepted: 0, rejected: 0 }, log);
    const a = tag('S3', 'A1', 'X');
    const b = tag('S3', 'B1', 'Y');
    tree.setTags([a, b]);
    tree.setTags([{ ...a, euRange: { low: 0, high: 500 } }]);
    assert.equal(find(b.id), null);
    assert.equal(addressSpace.findNode('ns=1;s=S3/Area/B1'), null);
    assert.ok(addressSpace.findNode('ns=1;s=S3/Area/A1'));
    const range = find(a.id)!.getPropertyByName('EURange')!.readValue().value.value as { high: number };
    assert.equal(range.high, 500);
    tree.setTags([]);
    assert.equal(addressSpace.findNode('ns=1;s=S3'), null);
  });
});
