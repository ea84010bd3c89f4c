// S4 (primary host STATE), NCMD/DCMD to the command sink, DDEATH/DBIRTH when an asset's source goes away,
// store-and-forward across a broker outage (historical replay in order, then live), and the built-in self-check
// run against our own edge node. Judged by the independent spy decoder.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteOutbox } from '../../src-main/adapters/store/outbox/index.js';
import { mosquittoMissing, startMosquitto, type MosquittoBroker } from '../fixtures/mosquitto.js';
import { startSparkplugSpy } from '../fixtures/sparkplug-spy.js';
import { batch, plantTags, testUplink } from '../unit/sparkplug/sparkplug-test-kit.js';
import { encodeHostPayload, sendState } from '../unit/sparkplug/sparkplug-host-kit.js';
import { eventually, recordingLog } from '../unit/mqtt/mqtt-test-kit.js';
import { formatSparkplugReport, runSparkplugCheck } from '../../src-main/adapters/sparkplug/index.js';

const skip = mosquittoMissing();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Sparkplug primary host, commands, device death and store-and-forward', { skip: skip ?? false }, () => {
  let broker: MosquittoBroker;
  before(async () => {
    broker = await startMosquitto();
  });
  after(async () => {
    await broker?.close();
  });

  it('waits for its primary host, ignores stale, foreign and malformed STATE, and re-births when the host returns (S4)', async () => {
    const spy = await startSparkplugSpy(broker.url, 'spBv1.0/#');
    const { uplink } = testUplink(broker.url, { groupId: 'S4', primaryHostId: 'H1' });
    uplink.setTags(plantTags());
    try {
      await sendState(spy.client, 'H1', { online: false, timestamp: 1000 });
      await uplink.start();
      await eventually(() => uplink.status().state === 'waiting-for-host', 'waiting for the host');
      await sendState(spy.client, 'H2', { online: true, timestamp: 2000 });
      await sendState(spy.client, 'H1', '{"online": yes}');
      await eventually(() => uplink.status().sparkplug.malformedState === 1, 'malformed STATE counted');
      assert.equal(spy.of('NBIRTH').length, 0, 'no birth before our host is online (birth-publish-phid-wait)');
      await sendState(spy.client, 'H1', { online: true, timestamp: 3000 });
      await spy.waitFor((m) => m.filter((x) => x.type === 'DBIRTH').length === 2, 'births once H1 is online');
      await sendState(spy.client, 'H1', { online: false, timestamp: 2999 });
      await sleep(300);
      assert.equal(spy.of('NDEATH').length, 0, 'stale offline STATE ignored');
      await sendState(spy.client, 'H1', { online: false, timestamp: 3001 });
      await spy.waitFor((m) => m.some((x) => x.type === 'NDEATH'), 'NDEATH when the host goes offline');
      await eventually(() => uplink.status().state === 'waiting-for-host', 'waiting again');
      await sleep(400);
      assert.equal(spy.of('NBIRTH').length, 1, 'no births while the host is offline, even after reconnecting');
      await sendState(spy.client, 'H1', { online: true, timestamp: 4000 });
      await spy.waitFor((m) => m.filter((x) => x.type === 'NBIRTH').length === 2, 'births when the host is back');
      const [b1, b2] = spy.of('NBIRTH');
      assert.equal(spy.of('NDEATH')[0]?.bdSeq, b1?.bdSeq);
      assert.equal(b2?.bdSeq, (b1?.bdSeq ?? 0n) + 1n, 'a new CONNECT, a new bdSeq');
    } finally {
      await uplink.stop();
      await sendState(spy.client, 'H1', '');
      await spy.close();
    }
  });

  it('hands DCMD metrics to the command sink by name or alias, and counts malformed commands without crashing', async () => {
    const spy = await startSparkplugSpy(broker.url, 'spBv1.0/CMD/#');
    const { uplink, sink } = testUplink(broker.url, { groupId: 'CMD' });
    uplink.setTags(plantTags());
    try {
      await uplink.start();
      await spy.waitFor((m) => m.filter((x) => x.type === 'DBIRTH').length === 2, 'births');
      const pump = spy.of('DBIRTH').find((d) => d.deviceId === 'area1.pump-1');
      const speedAlias = pump?.metrics.find((m) => m.name === 'speed')?.alias;
      const dcmd = 'spBv1.0/CMD/DCMD/E1/area1.pump-1';
      await spy.client.publishAsync(dcmd, encodeHostPayload([{ name: 'flow', type: 'Double', value: 42.5, timestamp: 1111 }], 1000));
      await spy.client.publishAsync(dcmd, encodeHostPayload([{ alias: speedAlias, type: 'Int32', value: -10 }], 2222));
      const bad: Buffer[] = [
        Buffer.alloc(0),
        Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x01, 0x02]),
        encodeHostPayload([{ name: 'flow', type: 'Double', value: 1 }]).subarray(0, 9),
        encodeHostPayload([{ name: '__proto__', type: 'Double', value: 1 }]),
        encodeHostPayload([{ name: 'flow/#', type: 'Double', value: 1 }]),
        encodeHostPayload([{ alias: 99999, type: 'Double', value: 1 }]),
      ];
      for (const payload of bad) await spy.client.publishAsync(dcmd, payload);
      await spy.client.publishAsync('spBv1.0/CMD/NCMD/E1', encodeHostPayload([{ name: 'Node Control/Reboot', type: 'Boolean', value: true }]));
      await eventually(() => sink.submitted.length === 2 && sink.malformedReasons.length === bad.length + 1, 'commands handled');
      assert.deepEqual(
        sink.submitted.map((c) => [c.via, c.tag, c.value, c.ts, c.user, c.authenticated]),
        [
          ['sparkplug', 'plant/area1/pump-1/flow', 42.5, 1111, 'scada-host', true],
          ['sparkplug', 'plant/area1/pump-1/speed', -10, 2222, 'scada-host', true],
        ],
      );
      assert.equal(sink.submitted[1]?.commandId, `${dcmd}:2222:${speedAlias}`);
      assert.ok(sink.malformedReasons.some((r) => /unknown metric/.test(r)));
      assert.equal(uplink.status().state, 'connected', 'still up');
    } finally {
      await uplink.stop();
      await spy.close();
    }
  });

  it('publishes DDEATH when all tags of an asset go stale, and DBIRTH again at its next good sample', async () => {
    const spy = await startSparkplugSpy(broker.url, 'spBv1.0/DD/#');
    const { uplink } = testUplink(broker.url, { groupId: 'DD' });
    uplink.setTags(plantTags());
    try {
      await uplink.start();
      await spy.waitFor((m) => m.filter((x) => x.type === 'DBIRTH').length === 2, 'births');
      const t = Date.now();
      uplink.publish(batch([['plant/area2/tank-1/level', t, 1, 'stale'], ['plant/area2/tank-1/mode', t, 'x', 'stale'], ['plant/area2/tank-1/count', t, 1, 'stale']]));
      await spy.waitFor((m) => m.some((x) => x.type === 'DDEATH' && x.deviceId === 'area2.tank-1'), 'DDEATH');
      uplink.publish(batch([['plant/area2/tank-1/level', t + 1, 2, 'stale']]));
      uplink.publish(batch([['plant/area2/tank-1/level', t + 2, 3]]));
      await spy.waitFor((m) => m.filter((x) => x.type === 'DBIRTH' && x.deviceId === 'area2.tank-1').length === 2, 'DBIRTH again');
      await spy.waitFor((m) => m.some((x) => x.type === 'DDATA' && x.metrics.some((v) => v.value === 3)), 'the good value');
      const types = spy.messages.filter((m) => m.deviceId === 'area2.tank-1').map((m) => m.type);
      assert.deepEqual(types, ['DBIRTH', 'DDATA', 'DDEATH', 'DBIRTH', 'DDATA']);
      const stale = spy.of('DDATA')[0]?.metrics[0];
      assert.equal(stale?.properties['Quality'], 500, 'stale -> Quality 500 before the DDEATH');
    } finally {
      await uplink.stop();
      await spy.close();
    }
  });

  it('buffers in the (SQLite) outbox while the broker is down, then replays it as historical, in order, while live data flows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-sp-outbox-'));
    const sqlite = createSqliteOutbox({ dbPath: join(dir, 'outbox-sparkplug.db'), maxBytes: 64 * 1024 * 1024, maxAgeMs: 3_600_000, log: recordingLog(), clock: { now: () => Date.now() } });
    await sqlite.open();
    const { uplink } = testUplink(broker.url, { groupId: 'SF', drainPerSecond: 20, batchMs: 10 }, { outbox: sqlite });
    const outbox = { get depth() { return sqlite.status().depth; }, status: () => sqlite.status() };
    uplink.setTags(plantTags());
    await uplink.start();
    await eventually(() => uplink.status().state === 'connected', 'connected');
    const t = Date.now();
    let i = 0;
    const send = (n: number) => {
      for (let k = 0; k < n; k++, i++) uplink.publish(batch([['plant/area1/pump-1/flow', t + i, i]]));
    };
    send(50);
    await eventually(() => outbox.depth === 0 && outbox.status().delivered > 0, 'live data delivered');
    await broker.stop();
    await eventually(() => uplink.status().state !== 'connected', 'outage noticed');
    for (let k = 0; k < 60; k++) {
      send(5);
      await sleep(10);
    }
    await eventually(() => outbox.depth > 0 && uplink.status().queued === 0, 'outage data in the outbox');
    const buffered = outbox.depth;
    await broker.start();
    const spy = await startSparkplugSpy(broker.url, 'spBv1.0/SF/#');
    try {
      await spy.waitFor((m) => m.some((x) => x.type === 'NBIRTH'), 'new session');
      send(20);
      await spy.waitFor((m) => m.flatMap((x) => (x.type === 'DDATA' ? x.metrics : [])).some((v) => v.value === i - 1), 'all values', 20_000);
      await eventually(() => outbox.depth === 0, 'outbox drained');
      const values = spy.of('DDATA').flatMap((m) => m.metrics.map((v) => ({ v: v.value as number, h: v.is_historical, at: m.index })));
      const historical = values.filter((x) => x.h).map((x) => x.v);
      const live = values.filter((x) => !x.h).map((x) => x.v);
      assert.ok(historical.length >= 300 && buffered > 0, `outage values replayed as historical (${historical.length})`);
      assert.deepEqual(historical, [...historical].sort((a, b) => a - b), 'historical replay in order');
      assert.deepEqual([...new Set([...historical, ...live])].sort((a, b) => a - b), Array.from({ length: i - 50 }, (_, k) => k + 50), 'nothing lost');
      const firstLive = values.find((x) => !x.h);
      const lastHistorical = values.filter((x) => x.h).at(-1);
      assert.ok(firstLive !== undefined && lastHistorical !== undefined && firstLive.at < lastHistorical.at, 'live data not held back by the backlog');
      assert.ok(spy.messages[0]?.type === 'NBIRTH', 'births before the backlog');
    } finally {
      await uplink.stop();
      await spy.close();
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the self-check reports every observable rule as passing against our own edge node', async () => {
    const { uplink } = testUplink(broker.url, { groupId: 'CHK', batchMs: 5, rebirthMinIntervalMs: 100 });
    uplink.setTags(plantTags());
    await uplink.start();
    await eventually(() => uplink.status().state === 'connected', 'connected');
    let running = true;
    const load = (async () => {
      for (let n = 0; running; n++) {
        uplink.publish(batch([['plant/area1/pump-1/flow', Date.now(), n], ['plant/area2/tank-1/level', Date.now(), n]]));
        await sleep(2);
      }
    })();
    const check = runSparkplugCheck({ mqttUrl: broker.url, groupId: 'CHK', edgeNodeId: 'E1', seconds: 3, log: recordingLog() });
    await sleep(2500);
    running = false;
    await load;
    await uplink.stop();
    const report = await check;
    const table = formatSparkplugReport(report);
    assert.equal(report.passed, true, table);
    const outcome = (rule: string) => report.results.find((r) => r.rule === rule)?.outcome;
    for (const rule of ['payload-decodes', 'birth-qos-retain', 'nbirth-seq-zero', 'seq-continuity', 'ndeath-no-seq', 'bdseq-match', 'will-qos-retain', 'births-before-data', 'rebirth-metric', 'aliases', 'datatypes-in-births-only', 'rebirth-honoured', 'timestamps-utc-ms']) {
      assert.equal(outcome(rule), 'pass', `${rule}\n${table}`);
    }
    assert.match(table, /tck-id-payloads-ndeath-bdseq/);
  });
});
