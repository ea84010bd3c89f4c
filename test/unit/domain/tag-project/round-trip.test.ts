// Each tag file format exports the project's tags and reads them back to the same project (nothing to change), and
// one malformed row stops the whole import with its row and column named.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  exportTags, parseTags, planImport, runSteps, type ImportParams, type TagFormat, type TagSection,
} from '../../../../src-main/domain/tag-project/index.js';
import { settingsFileForm } from '../../../../src-main/host/project-file-form.js';
import { normalizeSettings } from '../../../../src-main/host/tag-project-section.js';
import { sampleSection } from './tag-section-fixture.js';

const kepParams: ImportParams = { source: 'kep', channel: 'Channel1', device: 'PLC1' };

function reimport(format: TagFormat, section: TagSection, params: ImportParams = {}) {
  const text = exportTags(format, section, params, settingsFileForm).body;
  const parsed = runSteps(parseTags(format, text, params, section, normalizeSettings));
  return { text, parsed, plan: runSteps(planImport(section, parsed, 'merge')) };
}

describe('tag export → import round trip', () => {
  for (const format of ['plantbridge', 'csv', 'opcpublisher'] as const) {
    it(`${format}: every tag reads back unchanged`, () => {
      const { parsed, plan } = reimport(format, sampleSection());
      assert.deepEqual(plan.errors, []);
      assert.equal(parsed.tags.length, 3);
      assert.deepEqual({ added: plan.added, changed: plan.changed, removed: plan.removed }, { added: [], changed: [], removed: [] });
      assert.equal(plan.unchanged, 3);
      assert.deepEqual(plan.next, sampleSection());
    });
  }

  it('kepware: the device\'s tags read back unchanged with the same channel and device', () => {
    const { text, plan } = reimport('kepware', sampleSection(), kepParams);
    assert.match(text, /^"?Tag Name"?,Address,Data Type/);
    assert.match(text, /\r\nTank\.Level,,Default,1,RO,100,/);
    assert.deepEqual(plan.errors, []);
    assert.equal(plan.unchanged, 1);
    assert.deepEqual(plan.next, sampleSection());
  });

  it('csv keeps a description starting with "=" as text (guarded on export, unguarded on import)', () => {
    const { text, parsed } = reimport('csv', sampleSection());
    assert.match(text, /"'=SUM\(A1\) is text, not a formula"|'=SUM\(A1\) is text, not a formula/);
    assert.equal(parsed.tags[0]?.settings.description, '=SUM(A1) is text, not a formula');
  });

  it('csv export lists the PlantBridge columns', () => {
    const { text } = reimport('csv', sampleSection());
    assert.equal(text.split('\r\n')[0], 'id,source,nodeId,group,samplingMs,deadband,unit,description,writable,remoteWrite,uplink,HH,H,L,LL,priority');
    assert.match(text, /\r\nplant\/line1\/pump1\/speed,line1,ns=2;s=Line1\.Pump1\.Speed,default,250,2%,rpm,/);
  });
});

describe('one malformed row: the error names row and column, nothing is planned to apply', () => {
  it('csv: a bad number in HH on the third data row', () => {
    const csv = 'id,source,nodeId,HH\r\nplant/a/b/t1,line1,ns=2;s=T1,10\r\nplant/a/b/t2,line1,ns=2;s=T2,11\r\nplant/a/b/t3,line1,ns=2;s=T3,high\r\n';
    const parsed = runSteps(parseTags('csv', csv, {}, sampleSection(), normalizeSettings));
    const plan = runSteps(planImport(sampleSection(), parsed, 'merge'));
    assert.deepEqual(plan.errors, [{ row: 4, column: 4, header: 'HH', message: 'expected a number, got "high"' }]);
  });

  it('csv with ";" and decimal commas: a bad tag id names the id column', () => {
    const csv = 'id;source;nodeId;deadband\nplant/a/b/t1;line1;"ns=2;s=T1";0,5\nplant/a b/t2;line1;"ns=2;s=T2";1\n';
    const parsed = runSteps(parseTags('csv', csv, {}, sampleSection(), normalizeSettings));
    assert.equal(parsed.tags[0]?.settings.deadband?.value, 0.5);
    assert.equal(parsed.errors.length, 1);
    assert.deepEqual({ ...parsed.errors[0], message: undefined }, { row: 3, column: 1, header: 'id', message: undefined });
    assert.match(parsed.errors[0]?.message ?? '', /four levels/);
  });

  it('plantbridge json: a bad alarm setting is reported on the tag\'s row with its JSON path', () => {
    const doc = {
      format: 'plantbridge-tags', version: 1,
      sources: [{ id: 'line1', tags: [{ id: 'plant/a/b/t1', nodeId: 'ns=2;s=T1' }, { id: 'plant/a/b/t2', nodeId: 'ns=2;s=T2' }] }],
      tagSettings: { 'plant/a/b/t2': { alarms: { H: 5, L: 9 } } },
    };
    const parsed = runSteps(parseTags('plantbridge', JSON.stringify(doc), {}, sampleSection(), normalizeSettings));
    assert.deepEqual(parsed.errors.map((e) => [e.row, e.column, e.header]), [[2, 0, 'tagSettings.plant/a/b/t2.alarms.H']]);
  });

  it('opcpublisher: a node without an Id names its JSON path and entry', () => {
    const file = [{ EndpointUrl: 'opc.tcp://plc-line1:4840', OpcNodes: [{ Id: 'ns=2;s=A' }, { DisplayName: 'B' }] }];
    const parsed = runSteps(parseTags('opcpublisher', JSON.stringify(file), {}, sampleSection(), normalizeSettings));
    assert.deepEqual(parsed.errors.map((e) => [e.row, e.header]), [[2, '[0].OpcNodes[1].Id']]);
  });

  it('kepware: a bad Scan Rate names its row and column', () => {
    const csv = '"Tag Name","Address","Data Type","Scan Rate","Description"\r\nA,40001,Word,100,x\r\nB,40002,Word,fast,y\r\n';
    const parsed = runSteps(parseTags('kepware', csv, kepParams, sampleSection(), normalizeSettings));
    assert.deepEqual(parsed.errors.map((e) => [e.row, e.column, e.header]), [[3, 4, 'Scan Rate']]);
  });
});

describe('mapping the foreign formats', () => {
  it('opcpublisher: the legacy NodeId form, a new endpoint and names from DisplayName or the identifier', () => {
    const file = [
      { EndpointUrl: 'opc.tcp://plc-line1:4840', OpcNodes: [{ Id: 'ns=2;s=Line1.Pump1.Flow', OpcSamplingInterval: 5000, OpcPublishingInterval: 10000 }] },
      { EndpointUrl: 'opc.tcp://10.0.0.7:4840/', UseSecurity: false, NodeId: { Identifier: 'ns=3;i=1001' } },
      { EndpointUrl: 'opc.tcp://10.0.0.7:4840', OpcNodes: [{ Id: 'ns=3;s=X', DisplayName: 'Boiler/Steam Pressure', HeartbeatInterval: 60 }] },
    ];
    const section = sampleSection();
    const parsed = runSteps(parseTags('opcpublisher', JSON.stringify(file), { site: 'acme' }, section, normalizeSettings));
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.tags.map((t) => [t.id, t.source, t.nodeId]), [
      ['acme/line1/Pump1/Flow', 'line1', 'ns=2;s=Line1.Pump1.Flow'],
      ['acme/10-0-0-7-4840/tags/1001', '10-0-0-7-4840', 'ns=3;i=1001'],
      ['acme/10-0-0-7-4840/Boiler/Steam_Pressure', '10-0-0-7-4840', 'ns=3;s=X'],
    ]);
    assert.deepEqual(parsed.connections, [{ id: '10-0-0-7-4840', endpointUrl: 'opc.tcp://10.0.0.7:4840/', securityMode: 'None' }]);
    assert.match(parsed.warnings.join(), /HeartbeatInterval/);
    const plan = runSteps(planImport(section, parsed, 'merge'));
    // 5000 ms sampling with 10000 ms publishing is the existing "slow" group of line1.
    assert.equal(plan.next.sources[0]?.tags.at(-1)?.group, 'slow');
    assert.equal(plan.added.length, 3);
    assert.equal(plan.connectionsAdded.length, 1);
  });
});
