// The oneM2M uplink against the in-repo CSE double over real HTTP, with a real SQLite outbox: registration once and
// reuse after restart, containers with labels, one contentInstance per change, store-and-forward through a CSE
// outage (in order, nothing lost), "already exists" → retrieve, mandatory headers, test connection, mbs refusal.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { createOneM2mUplink, type OneM2mUplink } from '../../src-main/adapters/onem2m/onem2m-uplink.js';
import { createSqliteOutbox } from '../../src-main/adapters/store/outbox/index.js';
import type { Log, Outbox } from '../../src-main/services/ports.js';
import { startCseDouble, type CseDouble } from '../fixtures/onem2m-cse-double.js';
import { makeTag } from '../fixtures/tags.js';
import { waitFor } from '../fixtures/wait-for.js';

const quiet: Log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const clock = { now: () => Date.now() };
const FLOW = makeTag({ id: 'site/utilities/pump-1/flow', unit: 'm3/h', nodeId: 'ns=1;s=pump-1.flow' });
const TEMP = makeTag({ id: 'site/utilities/pump-1/temp', unit: 'degC', nodeId: 'ns=1;s=pump-1.temp' });

describe('the oneM2M uplink against a CSE double', () => {
  let cse: CseDouble;
  let dataDir: string;
  const running: { uplink: OneM2mUplink; outbox: Outbox }[] = [];

  async function startUplink(over: { mbs?: number; mni?: number } = {}) {
    const outbox = createSqliteOutbox({ dbPath: join(dataDir, 'outbox-onem2m.db'), maxBytes: 64 * 1024 * 1024, maxAgeMs: 3_600_000, log: quiet, clock });
    await outbox.open();
    const uplink = createOneM2mUplink({
      id: 'onem2m', cseUrl: cse.url, cseBase: 'cse-in', aeName: 'plantbridge', appId: 'Nplantbridge', originator: 'Cplantbridge',
      rvi: '3', labels: ['plant:test'], identityPath: join(dataDir, 'onem2m-ae.json'), mni: over.mni ?? 100, mbs: over.mbs ?? 100_000,
      requestTimeoutMs: 2000, retryMinMs: 50, retryMaxMs: 400, outbox, commands: null, log: quiet, clock,
    });
    uplink.setTags([FLOW, TEMP]);
    await uplink.start();
    running.push({ uplink, outbox });
    return uplink;
  }
  async function stopAll() {
    for (const r of running.splice(0)) {
      await r.uplink.stop();
      await r.outbox.close();
    }
  }
  const sample = (tagId: string, value: number) => ({ samples: [{ tagId, ts: Date.now(), value, quality: 'good' as const }] });
  const cins = (tag: string) => {
    const cnt = cse.tree.resolve(`/cse-in/plantbridge/${tag.split('/').join('.')}`);
    return cse.tree.childrenOf(cnt, 4).map((c) => JSON.parse(String(c.attrs['con'])) as { value: number });
  };
  const connected = (u: OneM2mUplink) => waitFor('the uplink to connect', () => (u.status().state === 'connected' ? true : undefined), 10_000);
  const drained = (u: OneM2mUplink, published: number) =>
    waitFor(`${published} values acknowledged`, () => (u.status().published >= published && u.status().queued === 0 ? true : undefined), 15_000);

  before(async () => {
    cse = await startCseDouble();
  });
  afterEach(async () => {
    await stopAll();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    for (const ae of cse.tree.childrenOf(cse.tree.root)) cse.tree.delete(ae);
    cse.requests.length = 0;
  });
  after(async () => {
    await cse?.close();
  });

  it('registers the AE once, persists its AE-ID and reuses it after a restart', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pb-onem2m-'));
    let uplink = await startUplink();
    await connected(uplink);
    const ae = cse.tree.resolve('/cse-in/plantbridge');
    assert.equal(ae.attrs['api'], 'Nplantbridge');
    assert.deepEqual(ae.attrs['lbl'], ['plant:test']);
    const stored = JSON.parse(readFileSync(join(dataDir, 'onem2m-ae.json'), 'utf8')) as { aei: string };
    assert.equal(stored.aei, 'Cplantbridge');
    uplink.publish(sample(FLOW.id, 1));
    await drained(uplink, 1);
    await stopAll();

    uplink = await startUplink();
    await connected(uplink);
    uplink.publish(sample(FLOW.id, 2));
    await drained(uplink, 1);
    const aeCreates = cse.requests.filter((r) => r.method === 'POST' && /ty=2/.test(r.headers.contentType ?? ''));
    assert.equal(aeCreates.length, 1, 'the AE is created once');
    assert.ok(cse.requests.some((r) => r.method === 'GET' && r.path === '/cse-in/plantbridge' && r.rsc === 2000 && r.headers.origin === 'Cplantbridge'));
    assert.equal(cse.tree.childrenOf(cse.tree.root, 2).length, 1);
    assert.equal(cse.tree.childrenOf(cse.tree.resolve('/cse-in/plantbridge'), 3).length, 1, 'no duplicate container after the restart');
    assert.deepEqual(cins(FLOW.id).map((c) => c.value), [1, 2]);
  });

  it('creates one labelled, bounded container per tag and one contentInstance per change', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pb-onem2m-'));
    const uplink = await startUplink();
    for (let i = 1; i <= 5; i++) uplink.publish(sample(FLOW.id, i));
    uplink.publish(sample(TEMP.id, 20.5));
    uplink.publish(sample('site/other/unknown/tag', 1));
    await drained(uplink, 6);
    const cnt = cse.tree.resolve('/cse-in/plantbridge/site.utilities.pump-1.flow');
    assert.deepEqual(cnt.attrs['lbl'], ['tagId:site/utilities/pump-1/flow', 'nodeId:ns=1;s=pump-1.flow', 'unit:m3/h']);
    assert.equal(cnt.attrs['mni'], 100);
    assert.equal(cnt.attrs['mbs'], 100_000);
    assert.deepEqual(cins(FLOW.id).map((c) => c.value), [1, 2, 3, 4, 5]);
    assert.deepEqual(cins(TEMP.id).map((c) => c.value), [20.5]);
    const la = cse.tree.resolve('/cse-in/plantbridge/site.utilities.pump-1.flow/la');
    assert.equal(la.attrs['cnf'], 'application/json:0');
    assert.equal(uplink.status().skipped, 1);
    assert.equal(uplink.status().failed, 0);
  });

  it('sends every request with X-M2M-Origin, a unique X-M2M-RI, X-M2M-RVI and ty= on creates', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pb-onem2m-'));
    const uplink = await startUplink();
    for (let i = 0; i < 3; i++) uplink.publish(sample(TEMP.id, i));
    await drained(uplink, 3);
    assert.ok(cse.requests.length >= 5);
    for (const r of cse.requests) {
      assert.ok(r.headers.origin && r.headers.ri && r.headers.rvi === '3', JSON.stringify(r));
      if (r.method === 'POST') assert.match(r.headers.contentType ?? '', /^application\/json;ty=\d+$/);
      assert.ok(r.rsc < 4000, `${r.method} ${r.path} answered ${r.rsc}`);
    }
    assert.equal(new Set(cse.requests.map((r) => r.headers.ri)).size, cse.requests.length);
  });

  it('buffers while the CSE is down and delivers everything in order when it returns', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pb-onem2m-'));
    const uplink = await startUplink();
    uplink.publish(sample(FLOW.id, 0));
    await drained(uplink, 1);
    await cse.stop();
    for (let i = 1; i <= 40; i++) uplink.publish(sample(FLOW.id, i));
    await waitFor('the uplink to notice the outage', () => (uplink.status().state === 'disconnected' ? true : undefined), 10_000);
    const down = await waitFor('40 values buffered', () => (uplink.status().queued === 40 ? uplink.status() : undefined), 10_000);
    assert.match(down.lastError ?? '', /refused the connection/);
    const test = await uplink.test();
    assert.equal(test.ok, false);
    assert.match(test.message, /refused the connection/);
    await cse.start();
    await drained(uplink, 41);
    assert.deepEqual(cins(FLOW.id).map((c) => c.value), Array.from({ length: 41 }, (_, i) => i));
    const s = uplink.status();
    assert.equal(s.state, 'connected');
    assert.equal(s.failed, 0);
    assert.ok((s.retried ?? 0) > 0, 'the re-sends are counted');
    assert.equal((await uplink.test()).ok, true);
  });

  it('treats an AE that already exists (4105) as retrieve-and-continue', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pb-onem2m-'));
    cse.tree.create(cse.tree.root, 2, { rn: 'plantbridge', api: 'Nplantbridge', rr: false }, 'Cplantbridge');
    const uplink = await startUplink();
    await connected(uplink);
    assert.ok(cse.requests.some((r) => r.method === 'POST' && r.rsc === 4105));
    assert.ok(existsSync(join(dataDir, 'onem2m-ae.json')));
    uplink.publish(sample(TEMP.id, 7));
    await drained(uplink, 1);
    assert.equal(cse.tree.childrenOf(cse.tree.root, 2).length, 1);
  });

  it('re-creates a container deleted on the CSE, and counts a value larger than mbs as refused without blocking', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pb-onem2m-'));
    const uplink = await startUplink({ mbs: 1024 });
    uplink.publish(sample(FLOW.id, 1));
    await drained(uplink, 1);
    cse.tree.delete(cse.tree.resolve('/cse-in/plantbridge/site.utilities.pump-1.flow'));
    uplink.publish({ samples: [{ tagId: FLOW.id, ts: Date.now(), value: 'x'.repeat(2000), quality: 'good' }] });
    uplink.publish(sample(FLOW.id, 3));
    await waitFor('the queue to move on', () => (uplink.status().queued === 0 && uplink.status().published === 2 ? true : undefined), 10_000);
    assert.equal(uplink.status().failed, 1);
    assert.match(uplink.status().lastError ?? '', /5207/);
    assert.deepEqual(cins(FLOW.id).map((c) => c.value), [3]);
  });
});
