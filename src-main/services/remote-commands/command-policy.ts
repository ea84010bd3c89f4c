// The checks a remote command must pass before the command gate sees it, in this order: remote commands on for
// the project, sender authenticated, sender has a role, tag allow-listed and switched on, timestamp fresh,
// not a replay, within the tag's rate. The first failure is the answer (an OPC UA status name and a plain message).
import type { RemoteCommand } from '../ports.js';
import { createReplayMemory } from './replay-memory.js';
import { createTagRateLimiter } from './tag-rate-limiter.js';

export type Role = 'operator' | 'engineer';
export type Outcome = { status: string; message: string };

export interface CommandPolicyOptions {
  enabled: boolean;
  maxAgeMs: number;
  maxPerTagPerSecond: number;
  /** Roles of the JSON command users, by name. */
  roles: ReadonlyMap<string, Role>;
  sparkplugUser: string;
  onem2mUser?: string;
  allowList: ReadonlySet<string>;
  /** The engineer's runtime switch. */
  isSwitchedOn: (tag: string) => boolean;
  maxReplayEntries: number;
}

export type CommandPolicy = (cmd: RemoteCommand, now: number, authProblem: string | null) => Outcome | null;

const AUDIT_TEXT_MAX = 128;
/** Cuts untrusted text to a length fit for an audit row or a log line. */
export const clip = (text: string): string => (text.length > AUDIT_TEXT_MAX ? `${text.slice(0, AUDIT_TEXT_MAX)}…` : text);

export function createCommandPolicy(opts: CommandPolicyOptions): CommandPolicy {
  const { maxAgeMs, allowList } = opts;
  const replay = createReplayMemory(opts.maxReplayEntries);
  const rate = createTagRateLimiter(opts.maxPerTagPerSecond);

  /** Sparkplug commands act as the configured host user: with that user's role if one is configured, else operator. */
  function roleOf(cmd: RemoteCommand): Role | null {
    if (cmd.via === 'sparkplug') return cmd.user === opts.sparkplugUser ? (opts.roles.get(cmd.user) ?? 'operator') : null;
    if (cmd.via === 'onem2m') return cmd.user === opts.onem2mUser ? (opts.roles.get(cmd.user) ?? 'operator') : null;
    return opts.roles.get(cmd.user) ?? null;
  }

  return (cmd, now, authProblem) => {
    if (!opts.enabled) return { status: 'BadRequestNotAllowed', message: 'remote commands are switched off for this project (remoteCommands.enabled)' };
    if (!cmd.authenticated) {
      return { status: 'BadIdentityTokenRejected', message: authProblem ?? `the ${cmd.via} transport did not authenticate the sender` };
    }
    const role = roleOf(cmd);
    if (role !== 'operator' && role !== 'engineer') {
      return { status: 'BadUserAccessDenied', message: `${clip(cmd.user)} has no operator or engineer role for remote commands` };
    }
    if (!allowList.has(cmd.tag)) {
      return { status: 'BadNotWritable', message: `${cmd.tag} is not on the remote-command allow-list (tagSettings.remoteWrite)` };
    }
    if (!opts.isSwitchedOn(cmd.tag)) {
      return { status: 'BadRequestNotAllowed', message: `remote commands to ${cmd.tag} are disabled; an engineer can enable them` };
    }
    if (cmd.ts === null || !Number.isFinite(cmd.ts)) return { status: 'BadInvalidTimestamp', message: 'the command carries no timestamp' };
    if (now - cmd.ts > maxAgeMs) return { status: 'BadInvalidTimestamp', message: `stale: issued ${now - cmd.ts} ms ago (at most ${maxAgeMs} ms)` };
    if (cmd.ts - now > maxAgeMs) return { status: 'BadInvalidTimestamp', message: `from the future: ${cmd.ts - now} ms ahead (at most ${maxAgeMs} ms)` };
    // Remembered until the command would be stale anyway; every command that got this far uses up its id,
    // even if the rate limit refuses it below (a refused command must not be executable by a later replay).
    const keys = [`tag\n${cmd.user}\n${cmd.tag}\n${cmd.ts}`];
    if (cmd.commandId !== null) keys.push(`id\n${cmd.user}\n${cmd.commandId}`);
    const seen = replay.remember(keys, cmd.ts + maxAgeMs + 1, now);
    if (seen === 'replay') {
      const what = clip(cmd.commandId ?? String(cmd.ts));
      return { status: 'BadNonceInvalid', message: `replayed: ${clip(cmd.user)} already sent command ${what} to ${cmd.tag}` };
    }
    if (seen === 'full') return { status: 'BadResourceUnavailable', message: 'too many recent commands to check for replays; try again shortly' };
    if (!rate.tryTake(cmd.tag, now)) {
      return { status: 'BadTooManyOperations', message: `more than ${opts.maxPerTagPerSecond} remote commands per second to ${cmd.tag}` };
    }
    return null;
  };
}
