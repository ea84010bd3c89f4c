// S1: Sparkplug B session conformance of the edge node against a real mosquitto, judged by an independent decoder
// (test/fixtures/sparkplug-spy.ts) and by mosquitto's own log of the CONNECT, will and SUBSCRIBE packets.
// Statement ids are the specification's tck-ids (reliability-and-security.md §2, S-a … S-g, S-k).
import type { MemoryOutbox } from '../../src-main/adapters/store/outbox/memory-outbox.js';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mosquittoMissing, startMosquitto, type MosquittoBroker } from '../fixtures/mosquitto.js';
import { signed32, startSparkplugSpy, type SparkplugSpy, type SpyMessage } from '../fixtures/sparkplug-spy.js';
import { batch, plantTags, testUplink } from '../unit/sparkplug/sparkplug-test-kit.js';

const skip = mosquittoMissing();

describe('Sparkplug edge node session (S1)', { skip: skip ?? false }, () => {
  let broker: MosquittoBroker;
  let spy: SparkplugSpy;
  let parts: ReturnType<typeof testUplink<MemoryOutbox>>;
  const t0 = Date.now();
  // mosquitto block-buffers its log on a pipe; a log file is written line by line.
  const logDir = mkdtempSync(join(tmpdir(), 'pb-sp-s1-'));
  const logFile = join(logDir, 'mosquitto.log');
  const brokerLog = (): string => readFileSync(logFile, 'utf8');

  before(async () => {
    broker = await startMosquitto({ extraConfig: [`log_dest file ${logFile}`] });
    spy = await startSparkplugSpy(broker.url);
    parts = testUplink(broker.url, { clientId: 'pb-edge-s1' });
    parts.uplink.setTags(plantTags());
    await parts.uplink.start();
    await spy.waitFor((m) => m.filter((x) => x.type === 'DBIRTH').length === 2, 'the two DBIRTHs');
    parts.uplink.publish(
      batch([
        ['plant/area1/pump-1/flow', t0 + 1, 12.5],
        ['plant/area1/pump-1/flow', t0 + 2, 13.5],
        ['plant/area1/pump-1/speed', t0 + 2, -1500],
        ['plant/area2/tank-1/level', t0 + 3, 42, 'uncertain'],
        ['plant/area2/tank-1/mode', t0 + 3, 'auto'],
        ['plant/area2/tank-1/count', t0 + 3, 4_000_000_000],
        ['plant/area1/pump-1/running', t0 + 4, true, 'bad'],
      ]),
    );
    await spy.waitFor((m) => m.filter((x) => x.type === 'DDATA').length >= 2, 'DDATA for both devices');
    await parts.uplink.stop();
    await spy.waitFor((m) => m.some((x) => x.type === 'NDEATH'), 'the NDEATH of stop()');
  });

  after(async () => {
    await parts?.uplink.stop();
    await spy?.close();
    await broker?.close();
    rmSync(logDir, { recursive: true, force: true });
  });

  const sparkplugMessages = (): SpyMessage[] => spy.messages.filter((m) => m.topic.startsWith('spBv1.0/G1/'));

  it('connects with a clean session and registers the NDEATH will at QoS 1, not retained (S-a, S-c)', () => {
    const log = brokerLog();
    assert.match(log, /New client connected from .* as pb-edge-s1 \(p2, c1, k30/, 'principles-persistence-clean-session-311: c1 = clean session, p2 = MQTT 3.1.1');
    assert.match(log, /Will message specified \(\d+ bytes\) \(r0, q1\)/, 'birth-publish-will-message-qos / -will-retained: r0 q1');
    assert.match(log, /pb-edge-s1[\s\S]*Will message specified|Will message specified[\s\S]*pb-edge-s1/);
  });

  it('subscribes to NCMD and DCMD at QoS 1 before publishing NBIRTH (S-b)', () => {
    const log = brokerLog();
    const sub = log.search(/Received SUBSCRIBE from pb-edge-s1/);
    const ncmd = log.indexOf('spBv1.0/G1/NCMD/E1 (QoS 1)');
    const dcmd = log.indexOf('spBv1.0/G1/DCMD/E1/+ (QoS 1)');
    const birth = log.search(/Received PUBLISH from pb-edge-s1 \(d0, q0, r0, m0, 'spBv1.0\/G1\/NBIRTH\/E1'/);
    assert.ok(sub >= 0 && ncmd > sub && dcmd > sub, 'message-flow-edge-node-ncmd-subscribe');
    assert.ok(birth > ncmd && birth > dcmd, 'NBIRTH after the SUBSCRIBE');
  });

  it('NBIRTH carries seq 0, the bdSeq of its CONNECT (Int64), Node Control/Rebirth = false without alias, QoS 0 not retained (S-d, S-e, S-g)', () => {
    const [nbirth] = spy.of('NBIRTH');
    assert.ok(nbirth);
    assert.equal(nbirth.seq, 0, 'payloads-nbirth-seq');
    assert.equal(nbirth.qos, 0, 'payloads-nbirth-qos');
    assert.equal(nbirth.retain, false, 'payloads-nbirth-retained');
    assert.equal(nbirth.bdSeq, 0n, 'first CONNECT with a fresh bdSeq file uses 0');
    const bd = nbirth.metrics.find((m) => m.name === 'bdSeq');
    assert.equal(bd?.datatype, 4, 'bdSeq is Int64');
    const rebirth = nbirth.metrics.find((m) => m.name === 'Node Control/Rebirth');
    assert.deepEqual([rebirth?.datatype, rebirth?.value, rebirth?.alias], [11, false, undefined], 'data-commands-rebirth-name-aliases/-datatype/-value');
    assert.equal(sparkplugMessages()[0]?.type, 'NBIRTH', 'principles-birth-certificates-order: the first publish is NBIRTH');
  });

  it('DBIRTH per asset lists every metric with name, alias, datatype, value, timestamp and engineering properties (S-g)', () => {
    const dbirths = spy.of('DBIRTH');
    assert.deepEqual(dbirths.map((d) => d.deviceId).sort(), ['area1.pump-1', 'area2.tank-1']);
    const pump = dbirths.find((d) => d.deviceId === 'area1.pump-1') as SpyMessage;
    assert.deepEqual(pump.metrics.map((m) => m.name).sort(), ['flow', 'running', 'speed']);
    const flow = pump.metrics.find((m) => m.name === 'flow');
    assert.equal(flow?.datatype, 10);
    assert.equal(flow?.properties['TagId'], 'plant/area1/pump-1/flow');
    assert.equal(flow?.properties['NodeId'], 'ns=1;s=plant/area1/pump-1/flow');
    assert.equal(flow?.properties['EngUnit'], 'm3/h');
    assert.deepEqual([flow?.properties['EngLow'], flow?.properties['EngHigh']], [0, 250]);
    for (const d of dbirths) {
      for (const m of d.metrics) {
        assert.ok(m.name && m.alias !== undefined && m.datatype !== undefined && m.timestamp !== undefined, `complete metric ${m.name}`);
      }
      assert.equal(d.qos, 0);
      assert.equal(d.retain, false);
    }
    const tank = dbirths.find((d) => d.deviceId === 'area2.tank-1') as SpyMessage;
    assert.deepEqual(tank.metrics.map((m) => [m.name, m.datatype]).sort(), [['count', 7], ['level', 9], ['mode', 12]]);
  });

  it('aliases are unique across the node, and DDATA uses aliases only, without names or datatypes (S-g)', () => {
    const births = [...spy.of('NBIRTH'), ...spy.of('DBIRTH')];
    const aliases = births.flatMap((b) => b.metrics.map((m) => m.alias)).filter((a) => a !== undefined);
    assert.equal(new Set(aliases).size, aliases.length, 'payloads-alias-uniqueness');
    const known = new Set(aliases);
    for (const d of spy.of('DDATA')) {
      for (const m of d.metrics) {
        assert.equal(m.name, undefined, 'payloads-alias-data-cmd-requirement');
        assert.equal(m.datatype, undefined, 'payloads-metric-datatype-not-req');
        assert.ok(m.alias !== undefined && known.has(m.alias), 'alias defined in a birth');
        assert.ok(m.timestamp !== undefined);
      }
    }
  });

  it('DDATA batches all changes of a device with values, quality and chronological timestamps (S-k)', () => {
    const births = spy.of('DBIRTH');
    const aliasOf = new Map(births.flatMap((b) => b.metrics.map((m) => [`${b.deviceId}/${m.name}`, m.alias])));
    const pump = spy.of('DDATA').find((d) => d.deviceId === 'area1.pump-1') as SpyMessage;
    const flows = pump.metrics.filter((m) => m.alias === aliasOf.get('area1.pump-1/flow'));
    assert.deepEqual(flows.map((m) => [m.timestamp, m.value]), [[t0 + 1, 12.5], [t0 + 2, 13.5]]);
    const speed = pump.metrics.find((m) => m.alias === aliasOf.get('area1.pump-1/speed'));
    assert.equal(signed32(speed?.value), -1500, 'negative Int32 as two\'s complement');
    const running = pump.metrics.find((m) => m.alias === aliasOf.get('area1.pump-1/running'));
    assert.equal(running?.properties['Quality'], 0, 'bad -> Quality 0');
    assert.equal(running?.properties['Quality:type'], 3, 'Quality is Int32');
    const tank = spy.of('DDATA').find((d) => d.deviceId === 'area2.tank-1') as SpyMessage;
    const level = tank.metrics.find((m) => m.alias === aliasOf.get('area2.tank-1/level'));
    assert.equal(level?.properties['QualityText'], 'uncertain');
    const count = tank.metrics.find((m) => m.alias === aliasOf.get('area2.tank-1/count'));
    assert.equal(count?.value, 4_000_000_000n, 'UInt32 in long_value');
    for (const d of spy.of('DDATA')) {
      assert.equal(d.qos, 1, 'DDATA at QoS 1 (delivery confirmed by PUBACK)');
      assert.equal(d.retain, false);
      assert.ok(d.metrics.every((m) => !m.is_historical), 'live data is not historical');
    }
  });

  it('seq runs +1 across NBIRTH, DBIRTH and DDATA; NDEATH has no seq and repeats the NBIRTH bdSeq (S-f, S-d)', () => {
    const seqs = sparkplugMessages().filter((m) => m.type !== 'NDEATH').map((m) => m.seq);
    assert.deepEqual(seqs, seqs.map((_, i) => i % 256), 'payloads-sequence-num-incrementing');
    const ndeath = spy.of('NDEATH')[0] as SpyMessage;
    assert.equal(ndeath.seq, null, 'payloads-ndeath-seq');
    assert.equal(ndeath.bdSeq, spy.of('NBIRTH')[0]?.bdSeq, 'payloads-ndeath-bdseq');
  });

  it('timestamps are UTC milliseconds (S-k)', () => {
    for (const m of sparkplugMessages()) {
      assert.ok(m.timestamp !== null && Math.abs(m.timestamp - Date.now()) < 60_000, `${m.type} payload timestamp`);
    }
  });

  it('publishes NDEATH before DISCONNECT on stop (S-i)', () => {
    const log = brokerLog();
    const ndeath = log.search(/Received PUBLISH from pb-edge-s1 \(d0, q1, r0, m\d+, 'spBv1.0\/G1\/NDEATH\/E1'/);
    const disconnect = log.search(/Received DISCONNECT from pb-edge-s1/);
    assert.ok(ndeath >= 0 && disconnect > ndeath, 'edge-node-intentional-disconnect-ndeath');
    assert.equal(parts.outbox.depth, 0, 'every DDATA record acknowledged and removed from the outbox');
  });
});
