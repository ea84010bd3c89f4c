// Remote commands from M2M systems (the JSON command topic, Sparkplug NCMD/DCMD). Nothing a remote system sends
// reaches the command gate unless, in this order: remote commands are switched on for the project, the sender is
// authenticated, has a role, the tag is allow-listed and switched on by an engineer, the command is fresh, not a
// replay, and within the tag's rate. Every refusal is counted, logged and audited before anything is written;
// the gate then does type, range, writable, audit and forward. Malformed input is only counted and logged.
import type { CommandValue } from '../domain/remote-command/command-signature.js';
import { commandCanonicalString, verifyCommandHmac } from '../domain/remote-command/command-signature.js';
import { parseJsonCommandPayload } from '../domain/remote-command/command-payload.js';
import { checkTagId, parseCommandTopic } from '../domain/remote-command/command-topic.js';
import { describeMalformed, malformed as malformedReason, type Malformed } from '../domain/remote-command/malformed.js';
import type { RemoteCommandSetting, RemoteCommandsDto, TagValue } from '../contract/index.js';
import type { Clock, HistorianStore, Log, RemoteCommand, RemoteCommandSink, WriteGate } from './ports.js';
import { loadEnableState, saveEnableState } from './remote-commands/enable-state.js';
import { clip, createCommandPolicy, type Outcome } from './remote-commands/command-policy.js';
import { createThrottledWarning } from './remote-commands/throttled-warning.js';

export interface RemoteCommandUser {
  name: string;
  /** The shared HMAC secret (the host reads it from the user's `secretEnv`). */
  secret: string;
  role: 'operator' | 'engineer';
}

export interface RemoteCommandServiceOptions {
  /** The project switch `remoteCommands.enabled`: off refuses every command (BadRequestNotAllowed). */
  enabled: boolean;
  maxAgeMs: number;
  maxPerTagPerSecond: number;
  users: RemoteCommandUser[];
  /** The identity Sparkplug commands are recorded under; it acts with the role of the user of that name, else operator. */
  sparkplugUser: string;
  /** oneM2M commands (subscription notifications) are recorded under this user; role as for sparkplugUser. */
  onem2mUser?: string;
  /** Tag ids with `tagSettings.<tag>.remoteWrite`. */
  allowList: string[];
  /** JSON file keeping the engineer's per-tag switch across restarts. */
  statePath: string;
  gate: WriteGate;
  store: HistorianStore;
  clock: Clock;
  log: Log;
  /** Commands remembered for replay detection; when full of unexpired entries, commands are refused (fail closed). */
  maxReplayEntries?: number;
  /** Audit rows per second for refusals before the gate; beyond it refusals are counted and logged, not audited. */
  maxRefusalAuditsPerSecond?: number;
}

type Via = RemoteCommand['via'];

/** The `code` of a `code: detail` reason (see domain/remote-command/malformed.ts). */
const MALFORMED_CODE = /^[a-z][a-z0-9-]{0,31}$/;

export interface RemoteCommandCounters {
  accepted: number;
  refused: number;
  malformed: number;
  malformedByVia: Record<Via, number>;
  malformedByCode: Record<string, number>;
  refusedByStatus: Record<string, number>;
  /** Refusals not written to the audit because a flood exceeded maxRefusalAuditsPerSecond. */
  unauditedRefusals: number;
}

export interface RemoteCommandService extends RemoteCommandSink {
  /** The MQTT JSON uplink hands every message on `<prefix>/+/+/+/+/set` here. Never throws. */
  handleJsonCommand(topic: string, payload: Buffer, topicPrefix: string): Promise<void>;
  status(): RemoteCommandsDto;
  /** The engineer's per-tag switch: audited, persisted. Throws RemoteCommandSettingError for tags not allow-listed. */
  setEnabled(tag: string, enabled: boolean, user: string, via: string): Promise<RemoteCommandsDto>;
  counters(): RemoteCommandCounters;
  stop(): Promise<void>;
}

/** A switch request the caller got wrong (the tag is not on the allow-list): the host answers it as a 409. */
export class RemoteCommandSettingError extends Error {
  constructor(
    readonly tag: string,
    message: string,
  ) {
    super(message);
    this.name = 'RemoteCommandSettingError';
  }
}


/** The value as the gate takes it, or why it cannot be one (Sparkplug may hand over bigints or decoded objects). */
function toCommandValue(value: unknown): CommandValue | Malformed {
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : malformedReason('not-finite', `value is ${value}`);
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) && BigInt(n) === value ? n : malformedReason('unsafe-integer', 'value is beyond ±2^53');
  }
  return malformedReason('value-not-scalar', `value is ${value === null ? 'null' : typeof value}`);
}

export function createRemoteCommandService(opts: RemoteCommandServiceOptions): RemoteCommandService {
  const { clock, log, store } = opts;
  const allowList = new Set(opts.allowList);
  const usersByName = new Map(opts.users.map((u) => [u.name, u]));
  const switches = loadEnableState(opts.statePath, log);
  const auditBudget = opts.maxRefusalAuditsPerSecond ?? 50;
  const warnMalformed = createThrottledWarning(log, clock);
  const warnUnaudited = createThrottledWarning(log, clock);
  const counters = { accepted: 0, refused: 0, malformed: 0, malformedByVia: { 'mqtt-json': 0, sparkplug: 0 } as Record<Via, number> };
  const malformedByCode = new Map<string, number>();
  const refusedByStatus = new Map<string, number>();
  let unauditedRefusals = 0;
  let auditSecond = -1;
  let auditsThisSecond = 0;
  let stopped = false;
  let switchChain: Promise<unknown> = Promise.resolve();

  const isEnabled = (tag: string): boolean => allowList.has(tag) && switches.get(tag)?.enabled === true;
  const policyRefusal = createCommandPolicy({
    enabled: opts.enabled,
    maxAgeMs: opts.maxAgeMs,
    maxPerTagPerSecond: opts.maxPerTagPerSecond,
    roles: new Map(opts.users.map((u) => [u.name, u.role])),
    sparkplugUser: opts.sparkplugUser,
    onem2mUser: opts.onem2mUser ?? 'onem2m-cse',
    allowList,
    isSwitchedOn: isEnabled,
    maxReplayEntries: opts.maxReplayEntries ?? 100_000,
  });

  function malformed(via: Via, reason: string): void {
    counters.malformed += 1;
    counters.malformedByVia[via] = (counters.malformedByVia[via] ?? 0) + 1; // transports added later start at 0
    // Reasons from other transports are free text: count them as `other` so the map stays small under a flood.
    const prefix = reason.split(':', 1)[0] ?? '';
    const code = MALFORMED_CODE.test(prefix) && (malformedByCode.has(prefix) || malformedByCode.size < 64) ? prefix : 'other';
    malformedByCode.set(code, (malformedByCode.get(code) ?? 0) + 1);
    warnMalformed({ via, reason: clip(reason), malformedTotal: counters.malformed }, 'malformed remote command ignored');
  }

  async function auditRefusal(cmd: RemoteCommand, value: TagValue, outcome: Outcome, now: number): Promise<void> {
    const second = Math.floor(now / 1000);
    if (second !== auditSecond) {
      auditSecond = second;
      auditsThisSecond = 0;
    }
    if (auditsThisSecond >= auditBudget) {
      unauditedRefusals += 1;
      warnUnaudited({ via: cmd.via, unauditedRefusals }, `more than ${auditBudget} refused remote commands per second: the excess is counted, not audited`);
      return;
    }
    auditsThisSecond += 1;
    log.warn({ via: cmd.via, user: clip(cmd.user), tag: cmd.tag, status: outcome.status }, `remote command refused: ${outcome.message}`);
    const entry = { ts: now, user: clip(cmd.user), via: cmd.via, action: 'write' as const, tag: clip(cmd.tag), oldValue: null, newValue: value, ...outcome };
    try {
      await store.appendAudit(entry);
    } catch (err) {
      log.error({ err, tag: entry.tag, status: outcome.status }, 'could not audit a refused remote command');
    }
  }

  async function decideAndWrite(cmd: RemoteCommand, authProblem: string | null): Promise<Outcome> {
    if (stopped) return { status: 'BadShutdown', message: 'remote commands are stopping' };
    const tagProblem = checkTagId(cmd.tag);
    const value = toCommandValue(cmd.value);
    const shapeProblem = tagProblem ?? (typeof value === 'object' ? value : null);
    if (shapeProblem) {
      malformed(cmd.via, describeMalformed(shapeProblem));
      return { status: tagProblem ? 'BadNodeIdInvalid' : 'BadTypeMismatch', message: shapeProblem.detail };
    }
    const commandValue = value as CommandValue;
    const now = clock.now();
    const refusal = policyRefusal(cmd, now, authProblem);
    if (refusal) {
      counters.refused += 1;
      refusedByStatus.set(refusal.status, (refusedByStatus.get(refusal.status) ?? 0) + 1);
      await auditRefusal(cmd, commandValue, refusal, now);
      return refusal;
    }
    let outcome: Outcome;
    try {
      outcome = await opts.gate({ tag: cmd.tag, value: commandValue, user: cmd.user, via: cmd.via });
    } catch (err) {
      log.error({ err, tag: cmd.tag }, 'the command gate failed on a remote command');
      outcome = { status: 'BadInternalError', message: 'the command gate failed; see the log' };
    }
    if (outcome.status.startsWith('Good')) counters.accepted += 1;
    else {
      counters.refused += 1;
      refusedByStatus.set(outcome.status, (refusedByStatus.get(outcome.status) ?? 0) + 1);
    }
    return outcome;
  }

  async function handleJsonCommand(topic: string, payload: Buffer, topicPrefix: string): Promise<void> {
    try {
      const where = parseCommandTopic(topic, topicPrefix);
      if (!where.ok) return malformed('mqtt-json', describeMalformed(where));
      const parsed = parseJsonCommandPayload(payload);
      if (!parsed.ok) return malformed('mqtt-json', describeMalformed(parsed));
      const { value, tsMs, user, id, hmac } = parsed.command;
      const sender = usersByName.get(user);
      const authProblem = !sender
        ? `unknown user ${clip(user)}`
        : verifyCommandHmac(commandCanonicalString(topic, value, tsMs, id), hmac, sender.secret)
          ? null
          : `the HMAC does not match (user ${user})`;
      const cmd: RemoteCommand = { via: 'mqtt-json', tag: where.tag, value, ts: tsMs, user, authenticated: authProblem === null, commandId: id };
      await decideAndWrite(cmd, authProblem);
    } catch (err) {
      log.error({ err }, 'unexpected failure handling a JSON remote command');
    }
  }

  function status(): RemoteCommandsDto {
    const settings: RemoteCommandSetting[] = [...allowList].sort().map((tag) => ({ tag, allowed: true, enabled: isEnabled(tag) }));
    return { enabled: opts.enabled, settings, counters: { accepted: counters.accepted, refused: counters.refused, malformed: counters.malformed } };
  }

  async function applySwitch(tag: string, enabled: boolean, user: string, via: string): Promise<RemoteCommandsDto> {
    if (!allowList.has(tag)) {
      throw new RemoteCommandSettingError(tag, `${tag} is not on the remote-command allow-list: set tagSettings["${tag}"].remoteWrite to true in the project file first`);
    }
    const before = switches.get(tag);
    const was = before?.enabled === true;
    const action = enabled ? 'remote-enable' : 'remote-disable';
    const now = clock.now();
    const audit = (status: string, message: string) =>
      store.appendAudit({ ts: clock.now(), user, via, action, tag, oldValue: was, newValue: enabled, status, message });
    // Audited before it takes effect, like a write.
    await audit('Good', `remote commands to ${tag} ${enabled ? 'enabled' : 'disabled'} by ${user}`);
    switches.set(tag, { enabled, by: user, at: now });
    try {
      await saveEnableState(opts.statePath, switches);
    } catch (err) {
      if (before) switches.set(tag, before);
      else switches.delete(tag);
      log.error({ err, path: opts.statePath }, 'could not save the remote command switches');
      await audit('BadInternalError', `could not save the switch (${(err as Error).message}); the change was undone`).catch(() => 0);
      throw err;
    }
    log.info({ tag, enabled, user, via }, `remote commands ${enabled ? 'enabled' : 'disabled'}`);
    return status();
  }

  return {
    submit: (cmd) => decideAndWrite(cmd, null).catch((err: unknown) => {
      log.error({ err }, 'unexpected failure handling a remote command');
      return { status: 'BadInternalError', message: 'unexpected failure; see the log' };
    }),
    malformed,
    handleJsonCommand,
    status,
    setEnabled(tag, enabled, user, via) {
      const next = switchChain.then(() => applySwitch(tag, enabled, user, via));
      switchChain = next.catch(() => undefined);
      return next;
    },
    counters: () => ({
      ...counters,
      malformedByVia: { ...counters.malformedByVia },
      malformedByCode: Object.fromEntries(malformedByCode),
      refusedByStatus: Object.fromEntries(refusedByStatus),
      unauditedRefusals,
    }),
    async stop() {
      stopped = true;
      await switchChain;
    },
  };
}
