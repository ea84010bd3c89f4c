// The alarm engine (ISA-18.2 / OPC UA Part 9) over the tag batch stream: evaluates every alarm kind, journals every
// transition with who and why, handles operator actions and keeps runtime settings across restarts.
import type { AlarmDto, TagBatch } from '../contract/index.js';
import type { ShelveRequest } from '../domain/alarm-actions.js';
import type { AlarmLimitEdit } from '../domain/alarm-runtime.js';
import { compareAlarms, isOverridden, newAlarmRecord, settle, toAlarmDto, type AlarmRecord } from '../domain/alarm-state-machine.js';
import { evaluateSystemCondition, systemAlarmDefinition } from '../domain/system-alarm.js';
import type { TagDef } from '../domain/tags.js';
import { AlarmCommands } from './alarms/alarm-commands.js';
import { AlarmCore, type AlarmChangeListener } from './alarms/alarm-core.js';
import { AlarmEvaluation } from './alarms/alarm-evaluation.js';
import type { Clock, Disposable, HistorianStore, Log } from './ports.js';

export { AlarmAckError, AlarmRefusal } from '../domain/alarm-state-machine.js';
export type { AlarmChangeListener } from './alarms/alarm-core.js';
export type { ShelveRequest } from '../domain/alarm-actions.js';
export type { AlarmLimitEdit } from '../domain/alarm-runtime.js';

/**
 * `active`: annunciated (not normal or waiting for a confirm, and not shelved, suppressed or out of service).
 * `standing`: everything not normal, overrides included. `overridden`: shelved, suppressed or out of service.
 */
export type AlarmListFilter = 'active' | 'shelved' | 'suppressed' | 'out-of-service' | 'overridden' | 'standing' | 'all';

export interface AlarmService {
  /** Restores runtime settings (limit edits, shelving, out of service) saved by an earlier run. */
  load(): Promise<void>;
  /** Creates alarms for tags with alarm settings; alarms that already exist keep their state. */
  setTags(tags: TagDef[]): void;
  ingest(batch: TagBatch): void;
  list(filter: AlarmListFilter): AlarmDto[];
  /** Each action resolves once the journal row is written; rejects with AlarmRefusal (400/404/409) when refused. */
  acknowledge(id: string, comment: string, user: string): Promise<AlarmDto>;
  confirm(id: string, comment: string, user: string): Promise<AlarmDto>;
  reset(id: string, comment: string, user: string): Promise<AlarmDto>;
  shelve(id: string, req: ShelveRequest, user: string): Promise<AlarmDto>;
  unshelve(id: string, comment: string, user: string): Promise<AlarmDto>;
  setOutOfService(id: string, outOfService: boolean, reason: string, user: string, via?: string): Promise<AlarmDto>;
  setLimits(id: string, edit: AlarmLimitEdit, user: string, via?: string, comment?: string): Promise<AlarmDto>;
  onChange(listener: AlarmChangeListener): Disposable;
  /** Raises or clears one of PlantBridge's own conditions (e.g. `uplink/mqtt-json/down`) as a system alarm. */
  setSystemCondition(key: string, condition: SystemCondition): void;
  /** Completes on/off delays and expires timed shelves at the clock's time (start() calls it every second). */
  tick(): void;
  start(intervalMs?: number): void;
  stop(): void;
  /** Resolves when every journal row queued so far has been written (shutdown, tests). */
  flush(): Promise<void>;
}

export interface SystemCondition {
  active: boolean;
  /** What it is about, e.g. `MQTT uplink mqtt-json`. */
  label: string;
  /** The operator's explanation while active, e.g. `broker unreachable (ECONNREFUSED); 1,204 messages buffered`. */
  message: string;
  priority: number;
}

export interface AlarmServiceOptions {
  store: HistorianStore;
  clock: Clock;
  log: Log;
}

function matches(r: AlarmRecord, filter: AlarmListFilter): boolean {
  const standing = r.state !== 'normal' || !r.confirmed;
  switch (filter) {
    case 'all':
      return true;
    case 'standing':
      return standing;
    case 'active':
      return standing && !isOverridden(r);
    case 'shelved':
      return r.shelving !== null;
    case 'suppressed':
      return r.suppressedBy !== null;
    case 'out-of-service':
      return r.outOfService !== null;
    case 'overridden':
      return isOverridden(r);
  }
}

export function createAlarmService(opts: AlarmServiceOptions): AlarmService {
  const core = new AlarmCore(opts.store, opts.clock, opts.log);
  const evaluation = new AlarmEvaluation(core);
  const commands = new AlarmCommands(core, evaluation);
  let timer: NodeJS.Timeout | null = null;

  function tick(): void {
    try {
      evaluation.tick(core.clock.now());
    } catch (err) {
      core.log.error({ err }, 'alarm timer tick failed');
    }
  }

  function setSystemCondition(key: string, c: SystemCondition): void {
    const def = systemAlarmDefinition(key, c.label, c.priority);
    const now = core.clock.now();
    let record = core.records.get(def.id);
    if (!record) {
      const stored = core.runtime.get(def.id);
      record = settle({ ...newAlarmRecord(def, now), shelving: stored?.shelving ?? null, outOfService: stored?.outOfService ?? null });
    } else if (record.def.priority !== def.priority || record.def.label !== def.label) {
      record = { ...record, def };
    }
    const { record: next, transitions } = evaluateSystemCondition(record, c.active, c.message, now);
    // Same state: keep the explanation current (e.g. the growing backlog) without a journal row.
    evaluation.put(transitions.length === 0 && c.active && next.message !== c.message ? { ...next, message: c.message } : next);
    core.commit(transitions, now);
  }

  return {
    async load() {
      for (const { alarmId, settings } of await core.store.loadAlarmSettings()) core.runtime.set(alarmId, settings);
    },
    setTags(tags) {
      const rows = evaluation.setTags(tags, core.clock.now());
      if (rows.length > 0) core.writeJournal(rows).catch((err: unknown) => core.log.error({ err }, 'alarm journal write failed'));
    },
    ingest: (batch) => evaluation.ingest(batch),
    list(filter) {
      const out: AlarmDto[] = [];
      for (const r of core.records.values()) if (matches(r, filter)) out.push(toAlarmDto(r));
      return out.sort(compareAlarms);
    },
    acknowledge: (id, comment, user) => commands.acknowledge(id, comment, user),
    confirm: (id, comment, user) => commands.confirm(id, comment, user),
    reset: (id, comment, user) => commands.reset(id, comment, user),
    shelve: (id, req, user) => commands.shelve(id, req, user),
    unshelve: (id, comment, user) => commands.unshelve(id, comment, user),
    setOutOfService: (id, oos, reason, user, via = 'api') => commands.setOutOfService(id, oos, reason, user, via),
    setLimits: (id, edit, user, via = 'api', comment = '') => commands.setLimits(id, edit, user, via, comment),
    onChange(listener) {
      core.listeners.add(listener);
      return { dispose: () => core.listeners.delete(listener) };
    },
    setSystemCondition,
    tick,
    start(intervalMs = 1000) {
      timer ??= setInterval(tick, intervalMs);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    flush: () => core.flush(),
  };
}
