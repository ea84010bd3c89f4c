// kill -9 of PlantBridge while the broker is down and tens of thousands of messages are buffered: after a restart
// the outbox is intact and every buffered message reaches the broker, flagged historical.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import mqtt from 'mqtt';
import sqlite3 from 'sqlite3';
import type { HealthDto } from '../../src-main/contract/index.js';
import { mosquittoMissing, startMosquitto } from '../fixtures/mosquitto.js';
import { startServe, type ServeProcess } from '../fixtures/serve-process.js';
import { waitFor } from '../fixtures/wait-for.js';

const BUFFERED_TARGET = Number(process.env.PB_CRASH_BUFFERED ?? 20_000);


function query<T>(file: string, sql: string): Promise<T> {
  const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
  return new Promise<T>((resolve, reject) => db.get(sql, (err, row) => (err ? reject(err) : resolve(row as T)))).finally(
    () => new Promise((r) => db.close(r)),
  );
}

describe('store-and-forward across a crash', { skip: mosquittoMissing() ?? false }, () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  it('keeps every buffered message through kill -9 and delivers it after the restart', async () => {
    const broker = await startMosquitto();
    cleanups.push(() => broker.close());
    const dataDir = await mkdtemp(join(tmpdir(), 'pb-crash-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const args = ['--mqtt-url', broker.url, '--sim-tags', '300'];
    let serve: ServeProcess = await startServe({ dataDir, extraArgs: args });
    cleanups.push(() => serve.stop());
    const uplink = async () => {
      const h = (await (await fetch(new URL('/api/health', serve.url))).json()) as HealthDto;
      return h.uplinks.find((u) => u.id === 'mqtt-json');
    };
    await waitFor('publishing', async () => ((await uplink())?.published ?? 0) > 100 ? true : undefined);

    await broker.stop();
    const before = await waitFor('a large backlog', async () => {
      const u = await uplink();
      return u?.outbox && u.outbox.depth >= BUFFERED_TARGET ? u.outbox.depth : undefined;
    }, 120_000);
    await serve.kill();

    const outboxFile = join(dataDir, 'outbox-mqtt-json.db');
    const integrity = await query<{ integrity_check: string }>(outboxFile, 'PRAGMA integrity_check');
    assert.equal(integrity.integrity_check, 'ok');
    const stored = (await query<{ n: number }>(outboxFile, 'SELECT count(*) AS n FROM outbox')).n;
    assert.ok(stored >= before, `the ${before} messages buffered before the kill are still stored (${stored})`);

    await broker.start();
    const spy = await mqtt.connectAsync(broker.url, { clientId: 'crash-spy' });
    cleanups.push(() => spy.endAsync());
    let historical = 0;
    spy.on('message', (_topic, payload) => {
      if (payload.toString().includes('"historical":true')) historical += 1;
    });
    await spy.subscribeAsync('plantbridge/demo-site/#', { qos: 1 });

    serve = await startServe({ dataDir, extraArgs: args });
    const drained = await waitFor('the backlog to drain', async () => {
      const u = await uplink();
      return u?.state === 'connected' && u.outbox && u.outbox.oldestAgeMs < 5_000 && u.outbox.delivered >= stored ? u.outbox : undefined;
    }, 120_000);
    assert.equal(drained.dropped, 0);
    await waitFor('every stored message at the subscriber', async () => (historical >= stored ? true : undefined), 30_000);
  });
});
