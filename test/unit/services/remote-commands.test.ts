import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { TagValue } from '../../../src-main/contract/index.js';
import { commandTopicFor, signJsonCommand } from '../../../src-main/domain/remote-command/index.js';
import type { RemoteCommand, WriteGate } from '../../../src-main/services/ports.js';
import {
  RemoteCommandSettingError,
  createRemoteCommandService,
  type RemoteCommandServiceOptions,
} from '../../../src-main/services/remote-commands.js';
import { FakeStore } from '../../fixtures/fake-store.js';
import { recordingLog } from '../mqtt/mqtt-test-kit.js';

const PREFIX = 'pb/uns';
const SETPOINT = 's/a/pump/setpoint';
const MODE = 's/a/pump/mode';
const FLOW = 's/a/pump/flow'; // exists in the plant, not on the remote allow-list
const SECRET = 'ana-secret-value';
const T0 = 1_700_000_000_000;
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function fakeGate(answer = 'Good') {
  const calls: { tag: string; value: TagValue; user: string; via: string }[] = [];
  const gate: WriteGate = async (req) => {
    calls.push(req);
    return { status: answer, message: answer === 'Good' ? `${req.tag} set` : 'refused by the gate' };
  };
  return { gate, calls };
}

interface Setup {
  enable?: string[];
  statePath?: string;
  gate?: WriteGate;
  opts?: Partial<RemoteCommandServiceOptions>;
}

async function setup(s: Setup = {}) {
  const store = new FakeStore();
  const log = recordingLog();
  const clock = { t: T0, now: () => clock.t };
  const recorded = fakeGate();
  const statePath = s.statePath ?? join(tempDir(), 'remote-commands.json');
  const service = createRemoteCommandService({
    enabled: true,
    maxAgeMs: 30_000,
    maxPerTagPerSecond: 2,
    users: [
      { name: 'ana', secret: SECRET, role: 'operator' },
      { name: 'ben', secret: 'ben-secret', role: 'engineer' },
    ],
    sparkplugUser: 'scada-host',
    allowList: [SETPOINT, MODE],
    statePath,
    gate: s.gate ?? recorded.gate,
    store,
    clock,
    log,
    ...s.opts,
  });
  for (const tag of s.enable ?? [SETPOINT, MODE]) await service.setEnabled(tag, true, 'ben', 'http');
  store.audit.length = 0; // the switch rows are checked in their own tests
  return { service, store, log, clock, calls: recorded.calls, statePath };
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pb-remote-'));
  dirs.push(dir);
  return dir;
}

/** A signed JSON command as a sender would publish it. */
function jsonCommand(tag: string, value: TagValue & {}, over: { ts?: number | string; id?: string; user?: string; secret?: string } = {}) {
  const topic = commandTopicFor(PREFIX, tag);
  const payload = signJsonCommand({ topic, value, ts: over.ts ?? T0, user: over.user ?? 'ana', id: over.id ?? `c-${Math.random()}`, secret: over.secret ?? SECRET });
  return { topic, payload: Buffer.from(JSON.stringify(payload)) };
}

const sparkplug = (over: Partial<RemoteCommand> = {}): RemoteCommand => ({
  via: 'sparkplug',
  tag: SETPOINT,
  value: 55,
  ts: T0,
  user: 'scada-host',
  authenticated: true,
  commandId: `spBv1.0/g/DCMD/edge/pump:${T0}`,
  ...over,
});

describe('remote commands: accepted', () => {
  it('hands a signed JSON command to the gate with the signing user and via mqtt-json', async () => {
    const { service, calls, store } = await setup();
    const { topic, payload } = jsonCommand(SETPOINT, 60);
    await service.handleJsonCommand(topic, payload, PREFIX);
    assert.deepEqual(calls, [{ tag: SETPOINT, value: 60, user: 'ana', via: 'mqtt-json' }]);
    assert.equal(store.audit.length, 0, 'the gate audits accepted commands (before and after the write)');
    assert.deepEqual(service.status().counters, { accepted: 1, refused: 0, malformed: 0 });
  });

  it('hands an authenticated Sparkplug command to the gate as the configured Sparkplug user', async () => {
    const { service, calls } = await setup();
    assert.deepEqual(await service.submit(sparkplug()), { status: 'Good', message: `${SETPOINT} set` });
    assert.deepEqual(calls, [{ tag: SETPOINT, value: 55, user: 'scada-host', via: 'sparkplug' }]);
  });

  it('returns the gate’s refusal (type, range, writable) and counts it as refused', async () => {
    const refusing = fakeGate('BadOutOfRange');
    const { service } = await setup({ gate: refusing.gate });
    const r = await service.submit(sparkplug({ value: 1e6 }));
    assert.equal(r.status, 'BadOutOfRange');
    assert.equal(refusing.calls.length, 1);
    assert.deepEqual(service.status().counters, { accepted: 0, refused: 1, malformed: 0 });
  });

  it('survives a gate that throws: BadInternalError, nothing else happens', async () => {
    const gate: WriteGate = async () => {
      throw new Error('boom');
    };
    const { service } = await setup({ gate });
    assert.equal((await service.submit(sparkplug())).status, 'BadInternalError');
  });
});

describe('remote commands: refused before the gate, counted and audited', () => {
  /** Runs one command and checks it was refused with `status`, audited once, and the gate never called. */
  async function expectRefusal(
    run: (s: Awaited<ReturnType<typeof setup>>) => Promise<unknown>,
    status: string,
    message: RegExp,
    s: Setup = {},
  ) {
    const ctx = await setup(s);
    await run(ctx);
    assert.equal(ctx.calls.length, 0, 'nothing reached the gate');
    assert.equal(ctx.store.audit.length, 1, 'one audit row');
    const row = ctx.store.audit[0]!;
    assert.equal(row.status, status);
    assert.match(row.message, message);
    assert.equal(row.action, 'write');
    assert.equal(ctx.service.status().counters.refused, 1);
    assert.ok(!JSON.stringify(ctx.store.audit).includes(SECRET), 'the secret never reaches the audit');
    return { ...ctx, row };
  }

  it('refuses everything when remote commands are switched off for the project', async () => {
    const { row } = await expectRefusal((c) => c.service.submit(sparkplug()), 'BadRequestNotAllowed', /switched off for this project/, {
      opts: { enabled: false },
    });
    assert.deepEqual([row.via, row.user, row.tag, row.newValue], ['sparkplug', 'scada-host', SETPOINT, 55]);
  });

  it('refuses a JSON command from an unknown user', async () => {
    const { row } = await expectRefusal(
      (c) => c.service.handleJsonCommand(...withPrefix(jsonCommand(SETPOINT, 60, { user: 'mallory', secret: 'guess' }))),
      'BadIdentityTokenRejected',
      /unknown user mallory/,
    );
    assert.deepEqual([row.via, row.user, row.tag, row.newValue], ['mqtt-json', 'mallory', SETPOINT, 60]);
  });

  it('refuses a JSON command whose HMAC does not match (wrong secret)', async () => {
    await expectRefusal((c) => c.service.handleJsonCommand(...withPrefix(jsonCommand(SETPOINT, 60, { secret: 'wrong' }))), 'BadIdentityTokenRejected', /HMAC does not match/);
  });

  it('refuses a JSON command signed for another tag and moved to this topic', async () => {
    const other = jsonCommand(MODE, 60);
    await expectRefusal((c) => c.service.handleJsonCommand(commandTopicFor(PREFIX, SETPOINT), other.payload, PREFIX), 'BadIdentityTokenRejected', /HMAC/);
  });

  it('refuses a Sparkplug command the transport did not authenticate', async () => {
    await expectRefusal((c) => c.service.submit(sparkplug({ authenticated: false })), 'BadIdentityTokenRejected', /did not authenticate/);
  });

  it('refuses a sender without an operator or engineer role', async () => {
    await expectRefusal((c) => c.service.submit(sparkplug({ user: 'someone-else' })), 'BadUserAccessDenied', /no operator or engineer role/);
  });

  it('refuses a tag that is not on the remote-command allow-list', async () => {
    await expectRefusal((c) => c.service.submit(sparkplug({ tag: FLOW })), 'BadNotWritable', /not on the remote-command allow-list/);
  });

  it('refuses an allow-listed tag an engineer has not enabled (disabled by default)', async () => {
    await expectRefusal((c) => c.service.submit(sparkplug()), 'BadRequestNotAllowed', /disabled; an engineer can enable them/, { enable: [] });
  });

  it('refuses a command without a timestamp', async () => {
    await expectRefusal((c) => c.service.submit(sparkplug({ ts: null })), 'BadInvalidTimestamp', /no timestamp/);
  });

  it('refuses a stale command (older than maxAgeMs)', async () => {
    await expectRefusal((c) => c.service.handleJsonCommand(...withPrefix(jsonCommand(SETPOINT, 60, { ts: T0 - 30_001 }))), 'BadInvalidTimestamp', /stale: issued 30001 ms ago/);
  });

  it('refuses a command from the future (beyond maxAgeMs ahead)', async () => {
    await expectRefusal((c) => c.service.submit(sparkplug({ ts: T0 + 30_001 })), 'BadInvalidTimestamp', /from the future/);
  });

  it('accepts commands at the edges of the window', async () => {
    const { service, calls } = await setup({ opts: { maxPerTagPerSecond: 10 } });
    await service.submit(sparkplug({ ts: T0 - 30_000, commandId: 'a' }));
    await service.submit(sparkplug({ ts: T0 + 30_000, commandId: 'b' }));
    assert.equal(calls.length, 2);
  });
});

const withPrefix = (c: { topic: string; payload: Buffer }): [string, Buffer, string] => [c.topic, c.payload, PREFIX];

describe('remote commands: replay and rate', () => {
  it('refuses the same signed message sent twice', async () => {
    const { service, calls, store } = await setup();
    const cmd = jsonCommand(SETPOINT, 60, { id: 'once' });
    await service.handleJsonCommand(...withPrefix(cmd));
    await service.handleJsonCommand(...withPrefix(cmd));
    assert.equal(calls.length, 1);
    assert.deepEqual(store.audit.map((a) => a.status), ['BadNonceInvalid']);
    assert.match(store.audit[0]!.message, /replayed: ana already sent command once/);
  });

  it('refuses a reused command id even with a new timestamp, value and tag', async () => {
    const { service, calls, store } = await setup();
    await service.handleJsonCommand(...withPrefix(jsonCommand(SETPOINT, 60, { id: 'dup' })));
    await service.handleJsonCommand(...withPrefix(jsonCommand(MODE, 1, { id: 'dup', ts: T0 + 5 })));
    assert.equal(calls.length, 1);
    assert.equal(store.audit[0]?.status, 'BadNonceInvalid');
  });

  it('refuses the same user, tag and timestamp under another id', async () => {
    const { service, calls } = await setup();
    await service.handleJsonCommand(...withPrefix(jsonCommand(SETPOINT, 60, { id: 'x1' })));
    await service.handleJsonCommand(...withPrefix(jsonCommand(SETPOINT, 61, { id: 'x2' })));
    assert.equal(calls.length, 1);
  });

  it('lets another user send the same command id', async () => {
    const { service, calls } = await setup();
    await service.handleJsonCommand(...withPrefix(jsonCommand(SETPOINT, 60, { id: 'shared' })));
    await service.handleJsonCommand(...withPrefix(jsonCommand(SETPOINT, 60, { id: 'shared', user: 'ben', secret: 'ben-secret' })));
    assert.deepEqual(calls.map((c) => c.user), ['ana', 'ben']);
  });

  it('keeps a bounded replay memory: full of live entries it refuses (fail closed), and forgets them with the window', async () => {
    const { service, calls, store, clock } = await setup({ opts: { maxReplayEntries: 4, maxPerTagPerSecond: 100 } });
    await service.submit(sparkplug({ ts: T0, commandId: 'a' }));
    await service.submit(sparkplug({ ts: T0 + 1, commandId: 'b' }));
    const full = await service.submit(sparkplug({ ts: T0 + 2, commandId: 'c' }));
    assert.equal(full.status, 'BadResourceUnavailable');
    assert.equal(calls.length, 2);
    assert.equal(store.audit.at(-1)?.status, 'BadResourceUnavailable');
    clock.t = T0 + 30_002; // a and b can no longer be replayed: they are stale
    const later = await service.submit(sparkplug({ ts: clock.t, commandId: 'c' }));
    assert.equal(later.status, 'Good');
  });

  it('refuses (not queues) commands over maxPerTagPerSecond, per tag', async () => {
    const { service, calls, store, clock } = await setup();
    for (const id of ['1', '2', '3']) await service.submit(sparkplug({ commandId: id, ts: T0 + Number(id) }));
    await service.submit(sparkplug({ tag: MODE, commandId: 'm', value: 1 }));
    assert.deepEqual(calls.map((c) => c.tag), [SETPOINT, SETPOINT, MODE]);
    assert.deepEqual(store.audit.map((a) => a.status), ['BadTooManyOperations']);
    clock.t += 1000;
    await service.submit(sparkplug({ commandId: '4', ts: clock.t }));
    assert.equal(calls.length, 4, 'accepted again a second later');
  });

  it('caps refusal audit rows in a flood and counts the rest', async () => {
    const { service, store } = await setup({ opts: { maxRefusalAuditsPerSecond: 3 } });
    for (let i = 0; i < 10; i += 1) await service.submit(sparkplug({ authenticated: false, commandId: String(i) }));
    assert.equal(store.audit.length, 3);
    assert.equal(service.counters().unauditedRefusals, 7);
    assert.equal(service.counters().refused, 10);
  });
});

describe('remote commands: malformed input', () => {
  it('counts malformed JSON commands per via without audit rows, and logs at most once per second', async () => {
    const { service, store, calls, log, clock } = await setup();
    const good = jsonCommand(SETPOINT, 60);
    await service.handleJsonCommand(good.topic, Buffer.alloc(0), PREFIX);
    await service.handleJsonCommand(good.topic, Buffer.from('{"value":NaN}'), PREFIX);
    await service.handleJsonCommand('pb/uns/s/a/__proto__/x/set', good.payload, PREFIX);
    service.malformed('sparkplug', 'not-json: truncated protobuf');
    assert.equal(calls.length, 0);
    assert.equal(store.audit.length, 0);
    const c = service.counters();
    assert.deepEqual(c.malformedByVia, { 'mqtt-json': 3, sparkplug: 1 });
    assert.deepEqual(c.malformedByCode, { empty: 1, 'not-finite': 1, 'topic-forbidden-level': 1, 'not-json': 1 });
    assert.equal(service.status().counters.malformed, 4);
    assert.equal(log.lines.filter((l) => l.includes('malformed remote command')).length, 1);
    clock.t += 1000;
    service.malformed('sparkplug', 'empty: no payload');
    const lines = log.lines.filter((l) => l.includes('malformed remote command'));
    assert.equal(lines.length, 2);
    assert.match(lines[1]!, /"suppressedSinceLast":3/);
    assert.ok(!log.lines.join('\n').includes(SECRET), 'the secret is never logged');
  });

  it('counts free-text reasons from other transports as "other", so a flood cannot grow the counters', async () => {
    const { service } = await setup();
    for (let i = 0; i < 200; i += 1) service.malformed('sparkplug', `DCMD on spBv1.0/g/DCMD/e/d${i}: truncated protobuf`);
    service.malformed('sparkplug', 'unknown metric alias 7 on device "pump"');
    assert.deepEqual(service.counters().malformedByCode, { other: 201 });
  });

  it('treats a Sparkplug command naming a malformed tag or carrying a non-scalar value as malformed', async () => {
    const { service, calls, store } = await setup();
    assert.equal((await service.submit(sparkplug({ tag: 's/a/+/x' }))).status, 'BadNodeIdInvalid');
    assert.equal((await service.submit(sparkplug({ tag: 's/a/__proto__/x' }))).status, 'BadNodeIdInvalid');
    assert.equal((await service.submit(sparkplug({ value: { low: 1, high: 2 } }))).status, 'BadTypeMismatch');
    assert.equal((await service.submit(sparkplug({ value: 2n ** 60n }))).status, 'BadTypeMismatch');
    assert.equal((await service.submit(sparkplug({ value: Number.NaN }))).status, 'BadTypeMismatch');
    assert.deepEqual([calls.length, store.audit.length, service.counters().malformedByVia.sparkplug], [0, 0, 5]);
  });

  it('converts a safe bigint from Sparkplug to a number', async () => {
    const { service, calls } = await setup();
    await service.submit(sparkplug({ value: 42n }));
    assert.equal(calls[0]?.value, 42);
  });
});

describe('remote commands: the engineer’s per-tag switch', () => {
  it('starts with every allow-listed tag disabled (secure by default) and lists only allow-listed tags', async () => {
    const { service } = await setup({ enable: [] });
    assert.deepEqual(service.status(), {
      enabled: true,
      settings: [
        { tag: MODE, allowed: true, enabled: false },
        { tag: SETPOINT, allowed: true, enabled: false },
      ],
      counters: { accepted: 0, refused: 0, malformed: 0 },
    });
  });

  it('audits enable and disable, and keeps them across a restart with the same state file', async () => {
    const first = await setup({ enable: [] });
    const after1 = await first.service.setEnabled(SETPOINT, true, 'ben', 'http');
    assert.equal(after1.settings.find((s) => s.tag === SETPOINT)?.enabled, true);
    assert.deepEqual(
      first.store.audit.map((a) => [a.action, a.user, a.via, a.tag, a.oldValue, a.newValue, a.status]),
      [['remote-enable', 'ben', 'http', SETPOINT, false, true, 'Good']],
    );
    await first.service.stop();

    const second = await setup({ enable: [], statePath: first.statePath });
    assert.equal(second.service.status().settings.find((s) => s.tag === SETPOINT)?.enabled, true);
    assert.equal((await second.service.submit(sparkplug())).status, 'Good');
    await second.service.setEnabled(SETPOINT, false, 'ben', 'ipc');
    assert.deepEqual(second.store.audit.map((a) => [a.action, a.via, a.oldValue, a.newValue]), [['remote-disable', 'ipc', true, false]]);
    await second.service.stop();

    const third = await setup({ enable: [], statePath: first.statePath });
    assert.equal(third.service.status().settings.find((s) => s.tag === SETPOINT)?.enabled, false);
    assert.equal((await third.service.submit(sparkplug())).status, 'BadRequestNotAllowed');
    assert.match(readFileSync(first.statePath, 'utf8'), /"by": "ben"/);
  });

  it('refuses to enable a tag that is not on the allow-list, with a clear error and no audit row', async () => {
    const { service, store } = await setup({ enable: [] });
    await assert.rejects(service.setEnabled(FLOW, true, 'ben', 'http'), (err: unknown) => {
      assert.ok(err instanceof RemoteCommandSettingError);
      assert.match(err.message, /not on the remote-command allow-list: set tagSettings\["s\/a\/pump\/flow"\]\.remoteWrite/);
      return true;
    });
    assert.equal(store.audit.length, 0);
  });

  it('ignores enabled tags in the state file that are no longer allow-listed', async () => {
    const statePath = join(tempDir(), 'state.json');
    writeFileSync(statePath, JSON.stringify({ version: 1, tags: { [FLOW]: { enabled: true, by: 'x', at: 1 } } }));
    const { service } = await setup({ enable: [], statePath });
    assert.equal((await service.submit(sparkplug({ tag: FLOW }))).status, 'BadNotWritable');
  });

  it('starts with every tag disabled when the state file is damaged, and says so in the log', async () => {
    const statePath = join(tempDir(), 'state.json');
    writeFileSync(statePath, '{"version":1,"tags":{"s/a/pump/setpoint":{"enab');
    const { service, log } = await setup({ enable: [], statePath });
    assert.equal(service.status().settings.every((s) => !s.enabled), true);
    assert.ok(log.lines.some((l) => l.startsWith('error') && l.includes('damaged')));
  });
});

describe('remote commands: stop', () => {
  it('refuses commands after stop() without writing anything', async () => {
    const { service, calls, store } = await setup();
    await service.stop();
    assert.equal((await service.submit(sparkplug())).status, 'BadShutdown');
    assert.deepEqual([calls.length, store.audit.length], [0, 0]);
  });
});
