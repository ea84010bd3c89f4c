// The whole bridge with real processes: the simulator as a separate OPC UA server process, PlantBridge (`serve`),
// Debian mosquitto, the SQLite file on disk, and an independent OPC UA client session on the bridge server.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import mqtt, { type MqttClient } from 'mqtt';
import { AttributeIds, DataType, StatusCodes } from 'node-opcua';
import sqlite3 from 'sqlite3';
import { hashPassword } from '../../src-main/adapters/auth/password-hash.js';
import { ownCertificateFile, trustCertificateFile } from '../../src-main/adapters/opcua/pki.js';
import type { HealthDto, TagSample } from '../../src-main/contract/index.js';
import { mosquittoMissing, startMosquitto, type MosquittoBroker } from '../fixtures/mosquitto.js';
import { createPeer, makeClient, tempDir, withSession, type Peer } from '../fixtures/opcua-peer.js';
import { startServe, type ServeProcess } from '../fixtures/serve-process.js';
import { startSimulatorProcess, type SimulatorProcess } from '../fixtures/simulator-process.js';
import { waitFor } from '../fixtures/wait-for.js';

const PASSWORD = 'plant engineer 42';
const FLOW = 'demo-site/utilities/pump-101/flow';
const SETPOINT = 'demo-site/utilities/pump-101/speed-setpoint';
const AUTH = { Authorization: `Basic ${Buffer.from(`engineer:${PASSWORD}`).toString('base64')}` };

interface UnsMessage {
  value: number | boolean | string | null;
  ts: string;
  quality: string;
}


describe('the whole bridge: simulator process → PlantBridge → mosquitto, SQLite and its own OPC UA server', { skip: mosquittoMissing() ?? false }, () => {
  let broker: MosquittoBroker;
  let sim: SimulatorProcess;
  let serve: ServeProcess;
  let subscriber: MqttClient;
  const received = new Map<string, UnsMessage[]>();

  const api = async <T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
    const res = await fetch(new URL(path, serve.url), { ...init, headers: { ...AUTH, 'Content-Type': 'application/json', ...init.headers } });
    return { status: res.status, body: (await res.json()) as T };
  };
  const health = async () => (await api<HealthDto>('/api/health')).body;

  before(async () => {
    broker = await startMosquitto();
    sim = await startSimulatorProcess({ tags: 10 });
    serve = await startServe({
      extraArgs: ['--no-simulator', '--mqtt-url', broker.url],
      project: {
        users: [{ username: 'engineer', passwordHash: hashPassword(PASSWORD), roles: ['engineer'] }],
        sources: [
          {
            id: 'plant',
            endpointUrl: sim.endpointUrl,
            securityMode: 'None',
            securityPolicy: 'None',
            browse: { rootNodeId: 'ns=1;s=Plant', group: 'fast' },
            groups: [{ name: 'fast', samplingIntervalMs: 100, publishingIntervalMs: 200 }],
          },
        ],
        tagSettings: { [SETPOINT]: { writable: true } },
        historian: { flushIntervalMs: 100 },
      },
    });
    subscriber = await mqtt.connectAsync(broker.url, { clientId: 'e2e-spy' });
    subscriber.on('message', (topic, payload) => {
      if (topic.startsWith('plantbridge/_bridge/')) return;
      const list = received.get(topic) ?? [];
      list.push(JSON.parse(payload.toString()) as UnsMessage);
      received.set(topic, list);
    });
    await subscriber.subscribeAsync('plantbridge/#', { qos: 1 });
    await waitFor('the source to connect', async () => ((await health()).sources[0]?.state === 'connected' ? true : undefined));
  });

  after(async () => {
    await subscriber?.endAsync();
    await serve?.stop();
    await sim?.stop();
    await broker?.close();
  });

  it('requires credentials on the API once users are configured', async () => {
    const res = await fetch(new URL('/api/health', serve.url));
    assert.equal(res.status, 401);
    assert.match(res.headers.get('www-authenticate') ?? '', /Basic/);
  });

  it('publishes plant values to MQTT as JSON with value, ISO timestamp and quality, at QoS 1', async () => {
    const messages = await waitFor('flow on MQTT', () => {
      const list = received.get(`plantbridge/${FLOW}`);
      return list && list.length >= 3 ? list : undefined;
    });
    const last = messages.at(-1)!;
    assert.equal(typeof last.value, 'number');
    assert.equal(last.quality, 'good');
    assert.match(last.ts, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(messages.length >= 3 && new Set(messages.map((m) => m.value)).size > 1, 'values change');
  });

  it('keeps the values in the SQLite historian file', async () => {
    const db = new sqlite3.Database(join(serve.dataDir, 'plantbridge.db'), sqlite3.OPEN_READONLY);
    try {
      const row = await waitFor('flow samples in SQLite', async () => {
        const r = await new Promise<{ n: number; newest: number }>((resolve, reject) =>
          db.get(
            'SELECT count(*) AS n, max(s.ts) AS newest FROM samples s JOIN tags t ON t.id = s.tag_id WHERE t.path = ?',
            [FLOW],
            (err, data) => (err ? reject(err) : resolve(data as { n: number; newest: number })),
          ),
        );
        return r.n >= 5 ? r : undefined;
      });
      assert.ok(Date.now() - row.newest < 60_000, 'recent samples');
    } finally {
      await new Promise((r) => db.close(r));
    }
    const now = Date.now();
    const series = await api<{ t: number[]; v: number[] }>(`/api/history?tag=${FLOW}&from=${now - 120_000}&to=${now}&points=20`);
    assert.equal(series.status, 200);
    assert.ok(series.body.t.length > 0 && series.body.t.length <= 20);
  });

  it('mirrors tags on its own OPC UA server for a client it was told to trust, and gates writes', async () => {
    const pki = tempDir('pb-e2e-peer-');
    let peer: Peer | null = null;
    try {
      peer = await createPeer(pki.dir, 'SCADA-Test-Client');
      const endpoint = (await health()).bridgeServer!.endpointUrl;
      const user = { userName: 'engineer', password: PASSWORD };
      // Trust is two-sided: the SCADA client trusts PlantBridge's server certificate (hand-carried)…
      await trustCertificateFile(peer.pkiDir, ownCertificateFile(join(serve.dataDir, 'pki', 'server')));
      // …and PlantBridge refuses the unknown client certificate and lists it for the engineer to decide.
      await assert.rejects(withSession(makeClient(peer), endpoint, user, async () => undefined));
      const stores = await api<{ server: { rejected: { thumbprint: string; applicationUri: string | null }[] } }>('/api/certificates');
      const rejected = stores.body.server.rejected.find((c) => c.applicationUri === peer!.applicationUri);
      assert.ok(rejected, `our certificate is listed as rejected: ${JSON.stringify(stores.body)}`);
      const trusted = await api('/api/certificates/trust', { method: 'POST', body: JSON.stringify({ store: 'server', thumbprint: rejected.thumbprint }) });
      assert.equal(trusted.status, 200);

      await withSession(makeClient(peer), endpoint, user, async (session) => {
        const [value, range] = await session.read([
          { nodeId: `ns=1;s=${FLOW}`, attributeId: AttributeIds.Value },
          { nodeId: (await session.browse(`ns=1;s=${FLOW}`)).references!.find((r) => r.browseName.name === 'EURange')!.nodeId, attributeId: AttributeIds.Value },
        ]);
        assert.equal(value!.statusCode.name, 'Good');
        assert.equal(typeof value!.value.value, 'number');
        assert.ok(Date.now() - value!.sourceTimestamp!.getTime() < 10_000, 'a live source timestamp');
        assert.deepEqual({ low: range!.value.value.low, high: range!.value.value.high }, { low: 0, high: 150 });

        const writes = await session.write([
          { nodeId: `ns=1;s=${SETPOINT}`, attributeId: AttributeIds.Value, value: { value: { dataType: DataType.Double, value: 60 } } },
          { nodeId: `ns=1;s=${SETPOINT}`, attributeId: AttributeIds.Value, value: { value: { dataType: DataType.Double, value: 250 } } },
          { nodeId: `ns=1;s=${FLOW}`, attributeId: AttributeIds.Value, value: { value: { dataType: DataType.Double, value: 1 } } },
        ]);
        assert.deepEqual(writes, [StatusCodes.Good, StatusCodes.BadOutOfRange, StatusCodes.BadNotWritable]);
      });
      const setpoint = await waitFor('the new setpoint to come back from the source', async () => {
        const snapshot = (await api<TagSample[]>('/api/snapshot')).body;
        const s = snapshot.find((x) => x.tagId === SETPOINT);
        return s?.value === 60 ? s : undefined;
      });
      assert.equal(setpoint.quality, 'good');
    } finally {
      await peer?.close();
      pki.cleanup();
    }
  });

  it('marks values stale while the source is down and restores every subscription when it is back', async () => {
    const before = await health();
    const itemsBefore = before.sources[0]!.monitoredItems;
    assert.ok(itemsBefore > 20);
    await sim.kill();
    await waitFor('the source to be reported down', async () => ((await health()).sources[0]?.state !== 'connected' ? true : undefined));
    const stale = await waitFor('stale quality on MQTT', () => (received.get(`plantbridge/${FLOW}`)?.at(-1)?.quality === 'stale' ? true : undefined));
    assert.equal(stale, true);
    const snapshot = (await api<TagSample[]>('/api/snapshot')).body;
    assert.equal(snapshot.find((s) => s.tagId === FLOW)?.quality, 'stale');

    const restartedAt = Date.now();
    await sim.restart();
    const after = await waitFor('the source to reconnect', async () => {
      const h = await health();
      return h.sources[0]?.state === 'connected' ? h : undefined;
    }, 90_000);
    assert.equal(after.sources[0]!.monitoredItems, itemsBefore, 'every monitored item restored');
    assert.ok(after.sources[0]!.reconnects >= 1);
    const fresh = await waitFor('fresh values on MQTT after the restart', () => {
      const last = received.get(`plantbridge/${FLOW}`)?.at(-1);
      return last && last.quality === 'good' && Date.parse(last.ts) > restartedAt ? last : undefined;
    }, 60_000);
    assert.equal(typeof fresh.value, 'number');
  });

  it('answers bad API input with a 4xx JSON error and keeps running', async () => {
    const cases: [string, RequestInit | undefined, number][] = [
      ['/api/history?tag=nope/nope/nope/nope&from=0&to=10', undefined, 404],
      ['/api/history?tag=' + FLOW + '&from=10&to=0', undefined, 400],
      ['/api/alarms/unknown%23HH/ack', { method: 'POST', body: '{}' }, 404],
      ['/api/tags/write', { method: 'POST', body: '{"tag":' }, 400],
      ['/api/tags/write', { method: 'POST', body: JSON.stringify({ tag: FLOW, value: 'x'.repeat(70_000) }) }, 413],
      ['/api/nothing', undefined, 404],
    ];
    for (const [path, init, status] of cases) {
      const res = await api<{ error: { message: string } }>(path, init);
      assert.equal(res.status, status, path);
      assert.ok(res.body.error.message.length > 0 && !/\bat .*\.(js|ts):\d+/.test(res.body.error.message), 'a message, no stack');
    }
    assert.equal((await api('/api/health')).status, 200);
  });
});
