import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createOpcuaSource, type OpcuaSourceOptions } from '../../src-main/adapters/opcua/client/index.js';
import type { OpcuaSource } from '../../src-main/services/ports.js';
import { freePort, startTestServer, type TestServer } from '../fixtures/opcua-test-server.js';
import { clock, fastGroup, memoryLog, record, waitFor } from './opcua-client-helpers.js';

const BULK = 300;
let dir: string;
let server: TestServer;

function source(overrides: Partial<OpcuaSourceOptions>): OpcuaSource {
  return createOpcuaSource({
    id: 'plant',
    endpointUrl: server.endpointUrl,
    securityMode: 'None',
    securityPolicy: 'None',
    pkiDir: path.join(dir, 'client-pki'),
    applicationName: 'PlantBridge',
    groups: [fastGroup],
    tags: [],
    log: memoryLog(),
    clock,
    ...overrides,
  });
}

describe('OPC UA client source against a real server', () => {
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pb-opcua-client-'));
    server = await startTestServer({ port: await freePort(), pkiDir: path.join(dir, 'server-pki'), many: BULK, tickMs: 100 });
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('discovers tags by browsing, reads their metadata and streams values in batches', async () => {
    const log = memoryLog();
    const src = source({ browse: { rootNodeId: 'ns=1;s=Plant', group: 'default', writableFromAccessLevel: true }, log });
    const rec = record(src);
    let announced = 0;
    src.onTags((tags) => (announced = tags.length));
    try {
      await src.start();
      assert.equal(src.status().state, 'connected');
      const tags = src.tags();
      assert.equal(announced, tags.length);
      assert.equal(tags.length, 4 + BULK, 'Flow, Counter, Speed, Setpoint and the bulk variables');
      const flow = tags.find((t) => t.id === 'Site1/Area1/Pump1/Flow');
      assert.ok(flow);
      assert.equal(flow.unit, 'm³/h');
      assert.deepEqual(flow.euRange, { low: 0, high: 100 });
      assert.equal(flow.description, 'Discharge flow');
      assert.equal(flow.dataType, 'Double');
      assert.equal(flow.writable, false, 'read-only by its access level');
      assert.equal(tags.find((t) => t.name === 'Speed')?.writable, true);
      assert.equal(tags.find((t) => t.name === 'Counter')?.dataType, 'UInt32');
      assert.ok(!tags.some((t) => t.name === 'Shallow'), 'a variable above the asset level is not a tag');
      assert.ok(log.lines.some((l) => l.level === 'warn' && /fewer than 4 levels/.test(l.msg ?? '')));
      assert.equal(src.status().monitoredItems, tags.length);

      await waitFor('a few publish cycles', () => rec.samples('Site1/Area1/Bulk/V0').length >= 3);
      assert.ok(rec.batches.some((b) => b.samples.length >= BULK), 'one batch carries a whole publish response');
      const counter = rec.samples('Site1/Area1/Pump1/Counter');
      assert.ok(counter.length > 0);
      assert.ok(counter.every((s) => s.quality === 'good' && typeof s.value === 'number' && s.ts > 0));
    } finally {
      await src.stop();
    }
    assert.equal(src.status().state, 'disconnected');
    assert.equal(src.status().monitoredItems, 0);
  });

  it('applies the group deadband as a data change filter', async () => {
    const coarse = { name: 'coarse', samplingIntervalMs: 50, publishingIntervalMs: 100, queueSize: 50, deadband: { kind: 'absolute' as const, value: 5 } };
    const src = source({ groups: [coarse], tags: [{ id: 'S/A/Pump1/Counter', nodeId: 'ns=1;s=Pump1.Counter', group: 'coarse' }] });
    const rec = record(src);
    try {
      await src.start();
      await waitFor('four filtered counter values', () => rec.samples('S/A/Pump1/Counter').length >= 4, 20_000);
      const values = rec.samples('S/A/Pump1/Counter').map((s) => Number(s.value));
      for (let i = 1; i < values.length; i++) {
        assert.ok(Math.abs((values[i] ?? 0) - (values[i - 1] ?? 0)) > 5, `change ${values[i - 1]} → ${values[i]} passes the deadband`);
      }
    } finally {
      await src.stop();
    }
  });

  it('counts only the monitored items the server accepted and logs the refused ones by tag', async () => {
    const log = memoryLog();
    const src = source({
      log,
      tags: [
        { id: 'S/A/Pump1/Counter', nodeId: 'ns=1;s=Pump1.Counter', group: 'default' },
        { id: 'S/A/Pump1/Missing', nodeId: 'ns=1;s=DoesNotExist', group: 'default' },
      ],
    });
    try {
      await src.start();
      assert.equal(src.status().state, 'connected');
      assert.equal(src.status().monitoredItems, 1);
      assert.ok(log.lines.some((l) => l.level === 'warn' && /S\/A\/Pump1\/Missing/.test(l.msg ?? '') && /BadNodeIdUnknown/.test(l.msg ?? '')));
    } finally {
      await src.stop();
    }
  });

  it('writes values coerced to the node data type and returns the server status code', async () => {
    const src = source({
      tags: [
        { id: 'S/A/Pump1/Setpoint', nodeId: 'ns=1;s=Pump1.Setpoint', group: 'default', writable: true },
        { id: 'S/A/Pump1/Speed', nodeId: 'ns=1;s=Pump1.Speed', group: 'default', writable: true },
      ],
    });
    try {
      await src.start();
      const [setpoint, speed] = src.tags();
      assert.ok(setpoint && speed);
      assert.equal(setpoint.dataType, 'Int16');
      assert.deepEqual(await src.write(setpoint, 500), { status: 'BadOutOfRange' }, 'the server refuses it');
      assert.deepEqual(await src.write(setpoint, 99999), { status: 'BadOutOfRange' }, 'does not fit an Int16');
      assert.deepEqual(await src.write(setpoint, 'abc'), { status: 'BadTypeMismatch' });
      assert.deepEqual(await src.write(setpoint, 12), { status: 'Good' });
      assert.equal(await src.read(setpoint), 12);
      assert.deepEqual(await src.write(speed, '42.5'), { status: 'Good' });
      assert.equal(await src.read(speed), 42.5);
    } finally {
      await src.stop();
    }
    assert.deepEqual(await src.write(src.tags()[0]!, 1), { status: 'BadNotConnected' });
  });

  it('stops cleanly: no more batches, no session left on the server', async () => {
    const src = source({ tags: [{ id: 'S/A/Pump1/Counter', nodeId: 'ns=1;s=Pump1.Counter', group: 'default' }] });
    const rec = record(src);
    await src.start();
    await waitFor('a value', () => rec.batches.length > 0);
    await src.stop();
    const count = rec.batches.length;
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(rec.batches.length, count);
    assert.equal(src.status().state, 'disconnected');
  });
});
