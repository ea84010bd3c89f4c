// oneM2M through the running bridge (`plantbridge serve` with its simulator) and the CSE double: tag values arrive
// as contentInstances; a command contentInstance on the subscribed command container goes through the same
// allow-list, audit and command gate as every other remote command; malformed notifications are counted rejects.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { CommandLogEntry, HealthDto, RemoteCommandsDto, TagSample, UplinkTestResult } from '../../src-main/contract/index.js';
import { CSE_ADMIN, startCseDouble, type CseDouble } from '../fixtures/onem2m-cse-double.js';
import { startServe, type ServeProcess } from '../fixtures/serve-process.js';
import { waitFor } from '../fixtures/wait-for.js';

const SETPOINT = 'demo-site/utilities/pump-101/speed-setpoint';
const FLOW = 'demo-site/utilities/pump-101/flow';

describe('oneM2M interworking of the running bridge', { timeout: 180_000 }, () => {
  let cse: CseDouble;
  let serve: ServeProcess;

  const api = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(new URL(path, serve.url), body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const snapshotOf = async (tag: string) => (await api<TagSample[]>('/api/snapshot')).find((s) => s.tagId === tag);
  /** A third-party application (the CSE admin here) posts a command contentInstance. */
  const sendCommand = async (con: unknown) => {
    const res = await fetch(`${cse.url}/cse-in/plantbridge/commands`, {
      method: 'POST',
      headers: { 'X-M2M-Origin': CSE_ADMIN, 'X-M2M-RI': randomUUID(), 'X-M2M-RVI': '3', 'Content-Type': 'application/json;ty=4' },
      body: JSON.stringify({ 'm2m:cin': { cnf: 'application/json:0', con: typeof con === 'string' ? con : JSON.stringify(con) } }),
    });
    assert.equal(res.headers.get('x-m2m-rsc'), '2001');
    await res.body?.cancel();
  };
  const notifyUrl = () => {
    const poa = cse.tree.resolve('/cse-in/plantbridge').attrs['poa'] as string[];
    assert.equal(poa.length, 1);
    return poa[0]!;
  };

  before(async () => {
    cse = await startCseDouble();
    serve = await startServe({
      project: {
        onem2m: { enabled: true, cseUrl: cse.url, retryMinMs: 100, retryMaxMs: 1000, commands: { enabled: true } },
        remoteCommands: { enabled: true },
        tagSettings: { [SETPOINT]: { remoteWrite: true } },
      },
    });
    await waitFor('the oneM2M uplink to connect and the simulator source', async () => {
      const h = await api<HealthDto>('/api/health');
      return h.uplinks.find((u) => u.id === 'onem2m')?.state === 'connected' && h.sources[0]?.state === 'connected' ? true : undefined;
    }, 60_000);
    await api('/api/commands/remote', { tag: SETPOINT, enabled: true });
  });

  after(async () => {
    await serve?.stop();
    await cse?.close();
  });

  it('publishes tag changes as contentInstances in labelled containers', async () => {
    const cnt = await waitFor('values of the flow tag on the CSE', () => {
      try {
        const c = cse.tree.resolve(`/cse-in/plantbridge/${FLOW.split('/').join('.')}`);
        return cse.tree.childrenOf(c, 4).length >= 3 ? c : undefined;
      } catch {
        return undefined;
      }
    });
    assert.ok((cnt.attrs['lbl'] as string[]).includes('nodeId:ns=1;s=demo-site.utilities.pump-101.flow'));
    const la = cse.tree.resolve(`/cse-in/plantbridge/${FLOW.split('/').join('.')}/la`);
    assert.equal(typeof (JSON.parse(String(la.attrs['con'])) as { value: unknown }).value, 'number');
    const test = await api<UplinkTestResult>('/api/uplinks/onem2m/test', {});
    assert.equal(test.ok, true, test.message);
  });

  it('answered the verification request of its command subscription', () => {
    const vrq = cse.notifications.filter((n) => n.vrq);
    assert.ok(vrq.length >= 1);
    assert.ok(vrq.every((n) => n.rsc === '2000'));
    assert.equal(cse.tree.childrenOf(cse.tree.resolve('/cse-in/plantbridge/commands'), 23).length, 1);
  });

  it('writes an allow-listed tag from a command contentInstance and audits it', async () => {
    await sendCommand({ tag: SETPOINT, value: 47, ts: Date.now(), id: randomUUID() });
    await waitFor('the setpoint to change in the plant', async () => ((await snapshotOf(SETPOINT))?.value === 47 ? true : undefined));
    const log = await api<CommandLogEntry[]>('/api/commands');
    const entry = log.find((e) => e.via === 'onem2m' && e.tag === SETPOINT && e.status === 'Good');
    assert.ok(entry, 'the accepted command is in the command log');
    assert.equal(entry.user, 'onem2m-cse');
    assert.equal(entry.newValue, 47);
  });

  it('refuses a command to a tag that is not allow-listed, audits the refusal and writes nothing', async () => {
    const before = (await snapshotOf(SETPOINT))?.value;
    await sendCommand({ tag: FLOW, value: 1, ts: Date.now(), id: randomUUID() });
    const refusal = await waitFor('the refusal in the command log', async () =>
      (await api<CommandLogEntry[]>('/api/commands')).find((e) => e.via === 'onem2m' && e.tag === FLOW),
    );
    assert.equal(refusal.status, 'BadNotWritable');
    assert.equal((await snapshotOf(SETPOINT))?.value, before);
  });

  it('rejects malformed notifications with a oneM2M error code and counts them', async () => {
    const before = (await api<RemoteCommandsDto>('/api/commands/remote')).counters.malformed;
    const url = notifyUrl();
    const sur = '/cse-in/plantbridge/commands/plantbridge-commands';
    const cases: { headers: Record<string, string>; body: string; rsc: string }[] = [
      { headers: { 'X-M2M-Origin': '/id-in' }, body: 'not json at all', rsc: '4000' },
      { headers: {}, body: JSON.stringify({ 'm2m:sgn': { vrq: true, sur } }), rsc: '4000' },
      { headers: { 'X-M2M-Origin': '/id-in' }, body: JSON.stringify({ 'm2m:sgn': { nev: { rep: { 'm2m:cin': { con: '{"tag":"x","value":1}' } } }, sur: '/elsewhere/sub' } }), rsc: '4004' },
      { headers: { 'X-M2M-Origin': '/id-in' }, body: JSON.stringify({ 'm2m:sgn': { nev: { rep: { 'm2m:cin': { con: '{{{' } } }, sur } }), rsc: '4000' },
      { headers: { 'X-M2M-Origin': '/id-in' }, body: JSON.stringify([1, 2, 3]), rsc: '4000' },
    ];
    for (const c of cases) {
      const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...c.headers }, body: c.body });
      assert.equal(res.headers.get('x-m2m-rsc'), c.rsc, c.body);
      await res.body?.cancel();
    }
    const after = (await api<RemoteCommandsDto>('/api/commands/remote')).counters.malformed;
    assert.equal(after - before, cases.length);
    const h = await api<HealthDto>('/api/health');
    assert.equal(h.uplinks.find((u) => u.id === 'onem2m')?.state, 'connected', 'the bridge is still up and connected');
  });
});
