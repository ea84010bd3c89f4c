// Durable store-and-forward of the MQTT JSON uplink against Debian mosquitto (issue 4 §4):
// - 2,000 changes/s (200 counter tags × 10 Hz) while the broker is stopped for PB_OUTAGE_MS (default the issue's
//   60 s), then restarted: every change arrives exactly once after de-dup by (topic, ts), in order per topic
//   (live and historical each), and every change made during the outage is flagged historical;
// - kill -9 of a process running the uplink with tens of thousands of messages buffered, restart on the same
//   outbox file with the broker up: nothing lost, outbox file intact.
// The subscriber keeps a persistent session (clean: false) and mosquitto runs with persistence, so what the broker
// queued for it survives the broker restart.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createMqttJsonUplink } from '../../src-main/adapters/mqtt/index.js';
import { createSqliteOutbox } from '../../src-main/adapters/store/outbox/index.js';
import { openDb } from '../../src-main/adapters/store/sqlite-db.js';
import { mosquittoMissing, startMosquitto, type MosquittoBroker } from '../fixtures/mosquitto.js';
import { tempDir } from '../unit/outbox/outbox-kit.js';
import { eventually, recordingLog, systemClock } from '../unit/mqtt/mqtt-test-kit.js';
import { changeLog, checkChanges, counterBatch, counterTags, TICK_MS } from '../unit/mqtt/store-forward-kit.js';

const OUTAGE_MS = Number(process.env['PB_OUTAGE_MS'] ?? 60_000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('MQTT JSON store-and-forward through a broker outage', { skip: mosquittoMissing() ?? false }, () => {
  const tmp = tempDir('pb-snf-');
  let broker: MosquittoBroker;
  before(async () => {
    broker = await startMosquitto({ extraConfig: ['persistence true', `persistence_location ${tmp.dir}/`, 'autosave_interval 1'] });
  });
  after(async () => {
    await broker.close();
    tmp.remove();
  });

  it(`delivers 2,000 changes/s across a ${OUTAGE_MS / 1000} s outage exactly once, in order, the outage flagged historical`, { timeout: OUTAGE_MS + 120_000 }, async () => {
    const prefix = `snf${process.pid}`;
    const tags = counterTags(200);
    const topics = tags.map((t) => `${prefix}/${t.id}`);
    const log = recordingLog();
    const outbox = createSqliteOutbox({ dbPath: join(tmp.dir, 'outbox-mqtt-json.db'), maxBytes: 512 * 1024 ** 2, maxAgeMs: 86_400_000, log, clock: systemClock });
    await outbox.open();
    const uplink = createMqttJsonUplink({ url: broker.url, topicPrefix: prefix, outbox, drainPerSecond: 10_000, reconnectPeriodMs: 250, log, clock: systemClock });
    uplink.setTags(tags);
    const sub = await changeLog(broker.url, prefix, `pb-snf-sub-${process.pid}`);
    let tick = 0;
    const outageTicks = { from: Infinity, to: -Infinity };
    let brokerDown = false;
    // 10 Hz ticks of 200 changes; the tick number follows wall time so a slow event loop cannot lower the rate.
    const started = Date.now();
    const generator = setInterval(() => {
      const due = Math.floor((Date.now() - started) / TICK_MS);
      for (; tick <= due; tick++) {
        uplink.publish(counterBatch(tags, tick));
        if (brokerDown) {
          outageTicks.from = Math.min(outageTicks.from, tick);
          outageTicks.to = Math.max(outageTicks.to, tick);
        }
      }
    }, TICK_MS);
    try {
      await uplink.start();
      assert.equal(uplink.status().state, 'connected');
      await sleep(3_000);

      await broker.stop();
      brokerDown = true;
      await eventually(() => uplink.status().state === 'disconnected', 'the uplink notices the outage');
      await sleep(OUTAGE_MS);
      const buffered = uplink.status().outbox?.depth ?? 0;
      assert.ok(buffered >= (OUTAGE_MS / 1000) * 1_500, `only ${buffered} messages buffered during the outage`);
      brokerDown = false;
      await broker.start();

      await eventually(() => uplink.status().state === 'connected', 'the uplink reconnects', 20_000);
      await sleep(5_000); // live data keeps flowing while the backlog drains
      clearInterval(generator);
      const ticks = tick;
      await eventually(() => sub.distinct() >= ticks * tags.length, `all ${ticks * tags.length} changes at the subscriber`, 60_000);
      await eventually(() => uplink.status().outbox?.depth === 0, 'the outbox is empty');

      const { historical, duplicates } = checkChanges(sub, topics, ticks);
      for (let t = outageTicks.from; t <= outageTicks.to; t++) assert.ok(historical.has(t), `tick ${t} of the outage not flagged historical`);
      const status = uplink.status();
      assert.equal(status.outbox?.dropped, 0);
      assert.equal(status.failed, 0);
      console.log(`# outage ${OUTAGE_MS} ms: ${ticks * tags.length} changes, ${historical.size * tags.length} historical, ${duplicates} duplicates removed, buffered ${buffered}`);
    } finally {
      clearInterval(generator);
      await uplink.stop();
      await outbox.close();
      await sub.close();
    }
  });
});

describe('MQTT JSON store-and-forward after kill -9 with a backlog', { skip: mosquittoMissing() ?? false }, () => {
  const tmp = tempDir('pb-snf-kill-');
  const script = fileURLToPath(new URL('../unit/mqtt/outbox-uplink-child.ts', import.meta.url));
  const children: ChildProcess[] = [];
  let broker: MosquittoBroker;
  before(async () => {
    broker = await startMosquitto();
  });
  after(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await broker.close();
    tmp.remove();
  });

  const run = (args: string[]): { child: ChildProcess; lines: string[]; exited: Promise<void> } => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    const lines: string[] = [];
    child.stdout?.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter((l) => l !== '')));
    return { child, lines, exited: new Promise((resolve) => child.once('exit', () => resolve())) };
  };

  it('loses nothing: the restarted process drains every buffered message, and the file is intact', { timeout: 90_000 }, async () => {
    const prefix = `snfkill${process.pid}`;
    const dbPath = join(tmp.dir, 'outbox-mqtt-json.db');
    const [tagCount, ticks] = [200, 150]; // 30,000 messages
    await broker.stop();
    const producer = run(['produce', broker.url, dbPath, prefix, String(tagCount), String(ticks)]);
    await eventually(() => producer.lines.some((l) => l.startsWith('buffered')), 'the backlog is committed', 60_000);
    producer.child.kill('SIGKILL');
    await producer.exited;

    const db = await openDb(dbPath);
    try {
      assert.equal((await db.get<{ integrity_check: string }>('PRAGMA integrity_check'))?.integrity_check, 'ok');
      assert.equal((await db.get<{ n: number }>('SELECT count(*) AS n FROM outbox'))?.n, tagCount * ticks);
    } finally {
      await db.close();
    }

    await broker.start();
    const sub = await changeLog(broker.url, prefix, `pb-snf-kill-${process.pid}`);
    const drainer = run(['drain', broker.url, dbPath, prefix]);
    try {
      await eventually(() => sub.distinct() >= tagCount * ticks, `${tagCount * ticks} changes at the subscriber`, 60_000);
      await eventually(() => drainer.lines.at(-1) === 'depth 0', 'the outbox drained');
      const tags = counterTags(tagCount);
      const { historical } = checkChanges(sub, tags.map((t) => `${prefix}/${t.id}`), ticks);
      assert.equal(historical.size, ticks, 'everything buffered before the restart is flagged historical');
    } finally {
      drainer.child.kill('SIGKILL');
      await drainer.exited;
      await sub.close();
    }
  });
});
