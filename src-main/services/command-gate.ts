// The command gate: every write, from any path, is checked against the allow-list, type and range, audited
// before it is sent, forwarded to the source, and its real outcome audited. Nothing unchecked reaches a plant.
import type { TagValue } from '../contract/index.js';
import { validateWrite } from '../domain/write-validation.js';
import type { Clock, HistorianStore, Log, OpcuaSource, WriteGate } from './ports.js';
import type { TagCatalog } from './tag-catalog.js';

export interface CommandGateOptions {
  catalog: TagCatalog;
  sourceFor: (sourceId: string) => OpcuaSource | undefined;
  store: HistorianStore;
  clock: Clock;
  log: Log;
  /** Writes allowed per tag per second (a flood from a script or a stuck client is refused, not queued). */
  maxWritesPerTagPerSecond?: number;
}

export interface CommandGate {
  write: WriteGate;
  counters(): { accepted: number; rejected: number };
}

export function createCommandGate(opts: CommandGateOptions): CommandGate {
  const { catalog, store, clock, log } = opts;
  const perSecond = opts.maxWritesPerTagPerSecond ?? 5;
  const recent = new Map<string, number[]>();
  let accepted = 0;
  let rejected = 0;

  function rateLimited(tag: string, now: number): boolean {
    const times = (recent.get(tag) ?? []).filter((t) => now - t < 1000);
    const limited = times.length >= perSecond;
    if (!limited) times.push(now);
    recent.set(tag, times);
    return limited;
  }

  /** Why a write may not go ahead; or, when it may, the tag, its source and the checked value. */
  function decide(tagId: string, value: TagValue, now: number) {
    const tag = catalog.get(tagId);
    const check = validateWrite(tag, tagId, value);
    if (!check.ok) return { refusal: { status: check.status, message: check.message } } as const;
    if (rateLimited(tagId, now)) {
      return { refusal: { status: 'BadTooManyOperations', message: `more than ${perSecond} writes per second to ${tagId}` } } as const;
    }
    const source = tag ? opts.sourceFor(tag.sourceId) : undefined;
    if (!tag || !source || source.status().state !== 'connected') {
      return { refusal: { status: 'BadNoCommunication', message: `the source of ${tagId} is not connected` } } as const;
    }
    return { refusal: null, tag, source, value: check.value } as const;
  }

  const write: WriteGate = async ({ tag: tagId, value, user, via }) => {
    const audit = (status: string, message: string, oldValue: TagValue, newValue: TagValue) =>
      store.appendAudit({ ts: clock.now(), user, via, action: 'write', tag: tagId, oldValue, newValue, status, message });

    const decision = decide(tagId, value, clock.now());
    if (decision.refusal) {
      const r = decision.refusal;
      rejected += 1;
      await audit(r.status, r.message, null, typeof value === 'object' ? null : value);
      log.warn({ tag: tagId, user, via, status: r.status }, `write refused: ${r.message}`);
      return r;
    }
    const { tag, source, value: newValue } = decision;

    const oldValue = await source.read(tag).catch(() => null);
    // Audited before the write: a crash between the two leaves a trace of what was attempted.
    await audit('requested', '', oldValue, newValue);
    let status: string;
    try {
      status = (await source.write(tag, newValue)).status;
    } catch (err) {
      status = 'BadCommunicationError';
      log.error({ err, tag: tagId }, 'write to source failed');
    }
    const ok = status.startsWith('Good');
    if (ok) accepted += 1;
    else rejected += 1;
    const message = ok ? `${tagId} set to ${String(newValue)}` : `the source answered ${status}`;
    await audit(status, message, oldValue, newValue);
    log.info({ tag: tagId, user, via, status, oldValue, newValue: newValue }, 'write');
    return { status, message };
  };

  return { write, counters: () => ({ accepted, rejected }) };
}
