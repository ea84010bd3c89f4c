// S2 (seq and bdSeq wrap, bdSeq persisted across restarts), S3 (rebirth, coalesced floods) and S5 (kill -9: the
// broker delivers the will with the bdSeq of the NBIRTH), judged by the independent spy decoder.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mosquittoMissing, startMosquitto, type MosquittoBroker } from '../fixtures/mosquitto.js';
import { startSparkplugSpy, type SparkplugSpy, type SpyMessage } from '../fixtures/sparkplug-spy.js';
import { batch, plantTags, tempBdSeqFile, testUplink } from '../unit/sparkplug/sparkplug-test-kit.js';
import { sendRebirth } from '../unit/sparkplug/sparkplug-host-kit.js';

const skip = mosquittoMissing();
const tick = () => new Promise((r) => setTimeout(r, 2));

function assertSeqContinuity(messages: SpyMessage[]): void {
  let prev: number | null = null;
  for (const m of messages) {
    if (m.type === 'NDEATH' || m.type === 'STATE' || m.type.endsWith('CMD')) continue;
    if (m.type === 'NBIRTH') assert.equal(m.seq, 0, `NBIRTH #${m.index} seq`);
    else assert.equal(m.seq, ((prev ?? -1) + 1) % 256, `${m.type} #${m.index} follows seq ${prev}`);
    prev = m.seq;
  }
}

describe('Sparkplug sequence, bdSeq, rebirth and will (S2, S3, S5)', { skip: skip ?? false }, () => {
  let broker: MosquittoBroker;
  let spy: SparkplugSpy;

  before(async () => {
    broker = await startMosquitto();
  });
  after(async () => {
    await broker?.close();
  });

  it('wraps seq 255 -> 0 over 600 DATA messages without a gap (S2)', async () => {
    spy = await startSparkplugSpy(broker.url, 'spBv1.0/S2/#');
    const { uplink } = testUplink(broker.url, { groupId: 'S2', batchMs: 0 });
    uplink.setTags(plantTags());
    await uplink.start();
    await spy.waitFor((m) => m.filter((x) => x.type === 'DBIRTH').length === 2, 'births');
    const t = Date.now();
    for (let i = 0; i < 600; i++) {
      uplink.publish(batch([['plant/area1/pump-1/flow', t + i, i]]));
      await tick();
    }
    await spy.waitFor((m) => m.filter((x) => x.type === 'DDATA').reduce((n, x) => n + x.metrics.length, 0) === 600, '600 values');
    await uplink.stop();
    await spy.close();
    const data = spy.of('DDATA');
    assert.ok(data.length >= 300, `enough DATA messages to wrap (${data.length})`);
    assert.ok(spy.messages.some((m) => m.seq === 255) && spy.messages.filter((m) => m.seq === 0).length >= 2, 'wrapped');
    assertSeqContinuity(spy.messages);
  });

  it('increments bdSeq per CONNECT, matches NBIRTH and NDEATH, persists it across restarts and wraps 255 -> 0 (S2)', async () => {
    spy = await startSparkplugSpy(broker.url, 'spBv1.0/S2b/#');
    const bdSeqFile = tempBdSeqFile();
    writeFileSync(bdSeqFile, JSON.stringify({ bdSeq: 253 }));
    const first = testUplink(broker.url, { groupId: 'S2b' }, { bdSeqFile });
    first.uplink.setTags(plantTags());
    await first.uplink.start();
    await spy.waitFor((m) => m.some((x) => x.type === 'NBIRTH'), 'first NBIRTH');
    for (let n = 2; n <= 3; n++) {
      await first.uplink.setCut(true);
      await spy.waitFor((m) => m.filter((x) => x.type === 'NDEATH').length === n - 1, `NDEATH ${n - 1}`);
      await first.uplink.setCut(false);
      await spy.waitFor((m) => m.filter((x) => x.type === 'NBIRTH').length === n, `NBIRTH ${n}`);
    }
    await first.uplink.stop();
    const second = testUplink(broker.url, { groupId: 'S2b' }, { bdSeqFile });
    second.uplink.setTags(plantTags());
    await second.uplink.start();
    await spy.waitFor((m) => m.filter((x) => x.type === 'NBIRTH').length === 4, 'NBIRTH after restart');
    await second.uplink.stop();
    await spy.waitFor((m) => m.filter((x) => x.type === 'NDEATH').length === 4, 'last NDEATH');
    await spy.close();
    assert.deepEqual(spy.of('NBIRTH').map((m) => m.bdSeq), [254n, 255n, 0n, 1n]);
    assert.deepEqual(spy.of('NDEATH').map((m) => m.bdSeq), [254n, 255n, 0n, 1n], 'each NDEATH repeats the bdSeq of its NBIRTH');
    assertSeqContinuity(spy.messages);
  });

  it('answers NCMD Rebirth with NBIRTH (same bdSeq, seq 0) then DBIRTHs, and coalesces a flood of 100 requests (S3)', async () => {
    spy = await startSparkplugSpy(broker.url, 'spBv1.0/S3/#');
    const { uplink } = testUplink(broker.url, { groupId: 'S3', batchMs: 5, rebirthMinIntervalMs: 500 });
    uplink.setTags(plantTags());
    await uplink.start();
    await spy.waitFor((m) => m.filter((x) => x.type === 'DBIRTH').length === 2, 'births');
    let running = true;
    const load = (async () => {
      for (let i = 0; running; i++) {
        uplink.publish(batch([['plant/area1/pump-1/flow', Date.now(), i], ['plant/area2/tank-1/level', Date.now(), i]]));
        await tick();
      }
    })();
    await sendRebirth(spy.client, 'S3', 'E1');
    await spy.waitFor((m) => m.filter((x) => x.type === 'DBIRTH').length === 4, 'rebirth');
    const rss0 = process.memoryUsage().rss;
    for (let i = 0; i < 100; i++) await sendRebirth(spy.client, 'S3', 'E1');
    await new Promise((r) => setTimeout(r, 1500));
    running = false;
    await load;
    await uplink.stop();
    await spy.close();
    const nbirths = spy.of('NBIRTH');
    assert.ok(nbirths.length >= 3 && nbirths.length <= 6, `100 requests coalesced into few birth sequences (${nbirths.length - 2} after the flood)`);
    assert.ok(nbirths.every((b) => b.bdSeq === nbirths[0]?.bdSeq), 'data-commands-rebirth-action-3: same bdSeq');
    for (const b of nbirths) {
      const next = spy.messages.slice(b.index + 1, b.index + 3);
      assert.deepEqual(next.map((m) => m.type), ['DBIRTH', 'DBIRTH'], 'DBIRTHs right after NBIRTH, no DATA between');
    }
    assertSeqContinuity(spy.messages);
    assert.ok(process.memoryUsage().rss - rss0 < 50 * 1024 * 1024, 'memory flat under the flood');
  });

  it('kill -9: the broker delivers the will NDEATH with the bdSeq of the NBIRTH (S5)', async () => {
    spy = await startSparkplugSpy(broker.url, 'spBv1.0/G1/#');
    const bdSeqFile = tempBdSeqFile();
    writeFileSync(bdSeqFile, JSON.stringify({ bdSeq: 41 }));
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/unit/sparkplug/uplink-child.ts', broker.url, bdSeqFile], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes('born') && resolve());
        child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
      });
      await spy.waitFor((m) => m.some((x) => x.type === 'NBIRTH'), 'NBIRTH of the child');
      child.kill('SIGKILL');
      await spy.waitFor((m) => m.some((x) => x.type === 'NDEATH'), 'the will');
    } finally {
      child.kill('SIGKILL');
      await spy.close();
    }
    const [nbirth] = spy.of('NBIRTH');
    const [will] = spy.of('NDEATH');
    assert.equal(nbirth?.bdSeq, 42n);
    assert.equal(will?.bdSeq, 42n, 'payloads-ndeath-bdseq');
    assert.deepEqual([will?.qos, will?.retain, will?.seq], [1, false, null], 'will QoS 1, not retained, no seq');
  });
});
