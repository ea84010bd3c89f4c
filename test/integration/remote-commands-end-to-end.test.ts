// Remote commands through the running bridge: a signed JSON command and a Sparkplug DCMD write an allow-listed
// simulator setpoint; bad commands are refused, audited and write nothing; the store-and-forward drill cuts and
// restores an uplink without losing a message. Real processes: PlantBridge, its simulator, Debian mosquitto.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import mqtt, { type MqttClient } from 'mqtt';
import sparkplug from 'sparkplug-payload';
import type { CommandLogEntry, HealthDto, RemoteCommandsDto, TagSample, UplinkStatus } from '../../src-main/contract/index.js';
import { signJsonCommand } from '../../src-main/domain/remote-command/index.js';
import { mosquittoMissing, startMosquitto, type MosquittoBroker } from '../fixtures/mosquitto.js';
import { startServe, type ServeProcess } from '../fixtures/serve-process.js';
import { waitFor } from '../fixtures/wait-for.js';

const SETPOINT = 'demo-site/utilities/pump-101/speed-setpoint';
const FLOW = 'demo-site/utilities/pump-101/flow';
const SECRET = 'a-long-shared-secret-for-tests';
const codec = sparkplug.get('spBv1.0')!;


describe('remote commands and store-and-forward through the running bridge', { skip: mosquittoMissing() ?? false }, () => {
  let broker: MosquittoBroker;
  let serve: ServeProcess;
  let client: MqttClient;

  const api = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(new URL(path, serve.url), body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const setpoint = async () => (await api<TagSample[]>('/api/snapshot')).find((s) => s.tagId === SETPOINT);

  before(async () => {
    broker = await startMosquitto();
    process.env.PB_TEST_SCADA_SECRET = SECRET;
    serve = await startServe({
      extraArgs: ['--mqtt-url', broker.url, '--uplink', 'both'],
      project: {
        remoteCommands: { enabled: true, users: [{ name: 'scada', secretEnv: 'PB_TEST_SCADA_SECRET', role: 'operator' }] },
        tagSettings: { [SETPOINT]: { remoteWrite: true }, [FLOW]: { remoteWrite: true } },
        sparkplug: { groupId: 'plant', edgeNodeId: 'bridge-1' },
      },
    });
    client = await mqtt.connectAsync(broker.url, { clientId: 'scada-host' });
    await waitFor('the simulator source', async () =>
      (await api<HealthDto>('/api/health')).sources[0]?.state === 'connected' ? true : undefined,
    );
  });

  after(async () => {
    await client?.endAsync();
    await serve?.stop();
    await broker?.close();
    delete process.env.PB_TEST_SCADA_SECRET;
  });

  it('lists allow-listed tags, disabled until an engineer enables them', async () => {
    const remote = await api<RemoteCommandsDto>('/api/commands/remote');
    assert.equal(remote.enabled, true);
    assert.deepEqual(remote.settings.map((s) => [s.tag, s.enabled]).sort(), [
      [FLOW, false],
      [SETPOINT, false],
    ]);
    const after = await api<RemoteCommandsDto>('/api/commands/remote', { tag: SETPOINT, enabled: true });
    assert.equal(after.settings.find((s) => s.tag === SETPOINT)?.enabled, true);
    await api('/api/commands/remote', { tag: FLOW, enabled: true });
  });

  it('writes a signed JSON command to the simulator and logs it', async () => {
    const topic = `plantbridge/${SETPOINT}/set`;
    const payload = signJsonCommand({ topic, value: 55, ts: Date.now(), user: 'scada', id: randomUUID(), secret: SECRET });
    await client.publishAsync(topic, JSON.stringify(payload), { qos: 1 });
    const s = await waitFor('the setpoint to change in the plant', async () => {
      const v = await setpoint();
      return v?.value === 55 ? v : undefined;
    });
    assert.equal(s.quality, 'good');
    const log = await api<CommandLogEntry[]>('/api/commands');
    const entry = log.find((e) => e.via === 'mqtt-json' && e.tag === SETPOINT && e.status === 'Good');
    assert.ok(entry, 'the accepted command is in the command log');
    assert.equal(entry.user, 'scada');
    assert.equal(entry.newValue, 55);
  });

  it('writes a Sparkplug DCMD to the simulator', async () => {
    const topic = 'spBv1.0/plant/DCMD/bridge-1/utilities.pump-101';
    const body = codec.encodePayload({
      timestamp: Date.now(),
      metrics: [{ name: 'speed-setpoint', type: 'Double', value: 65, timestamp: Date.now() }],
    });
    await client.publishAsync(topic, Buffer.from(body), { qos: 1 });
    await waitFor('the DCMD value in the plant', async () => ((await setpoint())?.value === 65 ? true : undefined));
    const log = await api<CommandLogEntry[]>('/api/commands');
    assert.ok(log.some((e) => e.via === 'sparkplug' && e.tag === SETPOINT && e.status === 'Good'));
  });

  it('refuses bad commands, writes nothing, and stays up', async () => {
    const topic = `plantbridge/${SETPOINT}/set`;
    const good = () => ({ topic, value: 40, ts: Date.now(), user: 'scada', id: randomUUID(), secret: SECRET });
    const bad: [string, Buffer | string][] = [
      ['empty', ''],
      ['random bytes', Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0xff])],
      ['wrong secret', JSON.stringify(signJsonCommand({ ...good(), secret: 'not-the-secret' }))],
      ['stale', JSON.stringify(signJsonCommand({ ...good(), ts: Date.now() - 10 * 60_000 }))],
      ['out of range', JSON.stringify(signJsonCommand({ ...good(), value: 1000 }))],
      ['beyond 2^53', JSON.stringify({ ...signJsonCommand(good()), value: 0 }).replace('"value":0', '"value":9007199254740993')],
      ['__proto__', '{"__proto__":{"polluted":true},"value":1}'],
    ];
    const before = (await api<CommandLogEntry[]>('/api/commands')).length;
    for (const [, payload] of bad) await client.publishAsync(topic, payload, { qos: 1 });
    await client.publishAsync('spBv1.0/plant/DCMD/bridge-1/utilities.pump-101', Buffer.from([0x0a, 0xff, 0xff]), { qos: 1 });
    const remote = await waitFor('the refusals to be counted', async () => {
      const r = await api<RemoteCommandsDto>('/api/commands/remote');
      return r.counters.malformed >= 4 && r.counters.refused >= 2 ? r : undefined;
    });
    assert.ok(remote.counters.malformed >= 4);
    assert.equal((await setpoint())?.value, 65, 'nothing was written');
    const log = await api<CommandLogEntry[]>('/api/commands');
    assert.ok(log.length > before, 'policy refusals are audited');
    assert.ok(log.slice(0, log.length - before).every((e) => e.status !== 'Good'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('buffers everything while the uplink is cut and delivers it all when restored', async () => {
    const cut = await api<UplinkStatus>('/api/uplinks/mqtt-json/drill', { action: 'cut' });
    assert.equal(cut.state, 'cut');
    const buffered = await waitFor('messages to pile up in the outbox', async () => {
      const u = (await api<HealthDto>('/api/health')).uplinks.find((x) => x.id === 'mqtt-json');
      return u?.outbox && u.outbox.depth > 200 ? u.outbox : undefined;
    });
    const restored = await api<UplinkStatus>('/api/uplinks/mqtt-json/drill', { action: 'restore' });
    const deliveredBefore = restored.outbox?.delivered ?? 0;
    const drained = await waitFor('the backlog to drain', async () => {
      const u = (await api<HealthDto>('/api/health')).uplinks.find((x) => x.id === 'mqtt-json');
      return u?.state === 'connected' && u.outbox && u.outbox.delivered - deliveredBefore >= buffered.depth ? u.outbox : undefined;
    }, 60_000);
    assert.equal(drained.dropped, 0);
  });
});
