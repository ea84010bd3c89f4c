// Limit alarms over the tag batch stream: evaluates, journals every transition (batched) and tells listeners.
import type { AlarmDto, JournalEntry, TagBatch } from '../contract/index.js';
import { alarmDefinitionsFor } from '../domain/alarm-definitions.js';
import {
  AlarmAckError,
  acknowledgeAlarm,
  compareAlarms,
  evaluateAlarmSample,
  newAlarmRecord,
  redefineAlarm,
  toAlarmDto,
  type AlarmRecord,
  type AlarmTransition,
} from '../domain/alarm-state-machine.js';
import { evaluateSystemCondition, systemAlarmDefinition } from '../domain/system-alarm.js';
import type { TagDef } from '../domain/tags.js';
import type { Clock, Disposable, HistorianStore, Log } from './ports.js';

export { AlarmAckError } from '../domain/alarm-state-machine.js';

export type AlarmListFilter = 'active' | 'all';
export type AlarmChangeListener = (changed: AlarmDto[]) => void;

export interface AlarmService {
  /** Creates alarms for tags with limits; alarms that already exist keep their state. */
  setTags(tags: TagDef[]): void;
  ingest(batch: TagBatch): void;
  /** `active` means every alarm that is not normal (including returned-but-unacknowledged). */
  list(filter: AlarmListFilter): AlarmDto[];
  /** Resolves once the journal row is written; rejects with AlarmAckError (404/409) when refused. */
  acknowledge(id: string, comment: string, user: string): Promise<AlarmDto>;
  onChange(listener: AlarmChangeListener): Disposable;
  /** Raises or clears one of PlantBridge's own conditions (e.g. `uplink/mqtt-json/down`) as a system alarm. */
  setSystemCondition(key: string, condition: SystemCondition): void;
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

type JournalRow = Omit<JournalEntry, 'id'>;

function journalRow(t: AlarmTransition, ts: number, user: string | null, comment: string | null): JournalRow {
  return {
    ts,
    alarmId: t.record.def.id,
    tag: t.record.def.tag,
    event: t.event,
    state: t.record.state,
    value: t.record.value,
    user,
    comment,
  };
}

export function createAlarmService(opts: AlarmServiceOptions): AlarmService {
  const { store, clock, log } = opts;
  const records = new Map<string, AlarmRecord>();
  /** Only tags that have alarms are here, so a sample of any other tag costs one failed map lookup. */
  const idsByTag = new Map<string, string[]>();
  const listeners = new Set<AlarmChangeListener>();
  // Journal writes are chained so rows land in the order the transitions happened.
  let journalChain: Promise<void> = Promise.resolve();

  function writeJournal(rows: JournalRow[]): Promise<void> {
    const write = journalChain.then(() => store.appendJournal(rows));
    journalChain = write.catch(() => undefined);
    return write;
  }

  function emit(changed: AlarmDto[]): void {
    if (changed.length === 0) return;
    for (const listener of listeners) {
      try {
        listener(changed);
      } catch (err) {
        log.error({ err }, 'alarm change listener failed');
      }
    }
  }

  function setTags(tags: TagDef[]): void {
    const now = clock.now();
    const seen = new Set<string>();
    idsByTag.clear();
    for (const tag of tags) {
      const ids: string[] = [];
      for (const def of alarmDefinitionsFor(tag)) {
        const existing = records.get(def.id);
        records.set(def.id, existing ? redefineAlarm(existing, def) : newAlarmRecord(def, now));
        ids.push(def.id);
        seen.add(def.id);
      }
      if (ids.length > 0) idsByTag.set(tag.id, ids);
    }
    // Alarms whose tag or level disappeared: journal that a standing one was cleared by reconfiguration.
    const rows: JournalRow[] = [];
    const changed: AlarmDto[] = [];
    for (const [id, record] of records) {
      if (seen.has(id) || record.def.level === 'SYS') continue;
      records.delete(id);
      if (record.state === 'normal') continue;
      const cleared: AlarmRecord = { ...record, state: 'normal', activeSince: null, lastChange: now };
      rows.push(journalRow({ record: cleared, event: 'cleared' }, now, null, 'alarm removed from the configuration'));
      changed.push(toAlarmDto(cleared));
    }
    if (rows.length > 0) {
      writeJournal(rows).catch((err: unknown) => log.error({ err }, 'alarm journal write failed'));
    }
    emit(changed);
  }

  function ingest(batch: TagBatch): void {
    let rows: JournalRow[] | null = null;
    let changed: Map<string, AlarmRecord> | null = null;
    for (const sample of batch.samples) {
      const ids = idsByTag.get(sample.tagId);
      if (!ids) continue;
      for (const id of ids) {
        const record = records.get(id);
        if (!record) continue;
        const t = evaluateAlarmSample(record, sample);
        if (!t) continue;
        records.set(id, t.record);
        (rows ??= []).push(journalRow(t, sample.ts, null, null));
        (changed ??= new Map()).set(id, t.record);
      }
    }
    if (rows) {
      writeJournal(rows).catch((err: unknown) =>
        log.error({ err, rows: rows?.length }, 'alarm journal write failed; transitions kept in memory'),
      );
    }
    if (changed) emit([...changed.values()].map(toAlarmDto));
  }

  function setSystemCondition(key: string, c: SystemCondition): void {
    const def = systemAlarmDefinition(key, c.label, c.priority);
    const now = clock.now();
    const record = records.get(def.id) ?? newAlarmRecord(def, now);
    const t = evaluateSystemCondition(record, c.active, c.message, now);
    if (!t) {
      // Same state: keep the explanation current (e.g. the growing backlog) without a journal row.
      if (c.active && record.message !== c.message) records.set(def.id, { ...record, message: c.message });
      else if (!records.has(def.id)) records.set(def.id, record);
      return;
    }
    records.set(def.id, t.record);
    writeJournal([journalRow(t, now, null, null)]).catch((err: unknown) => log.error({ err }, 'alarm journal write failed'));
    emit([toAlarmDto(t.record)]);
  }

  function list(filter: AlarmListFilter): AlarmDto[] {
    const out: AlarmDto[] = [];
    for (const record of records.values()) {
      if (filter === 'active' && record.state === 'normal') continue;
      out.push(toAlarmDto(record));
    }
    return out.sort(compareAlarms);
  }

  async function acknowledge(id: string, comment: string, user: string): Promise<AlarmDto> {
    const before = records.get(id);
    if (!before) throw new AlarmAckError(`no alarm with id ${id}`, 404);
    const now = clock.now();
    const t = acknowledgeAlarm(before, now);
    // Applied at once so samples arriving while the row is written see the acknowledged state.
    records.set(id, t.record);
    const text = comment.trim();
    try {
      await writeJournal([journalRow(t, now, user, text === '' ? null : text)]);
    } catch (err) {
      // Not journaled means not acknowledged: undo unless a newer transition already replaced it.
      if (records.get(id) === t.record) records.set(id, before);
      const reason = err instanceof Error ? err.message : String(err);
      throw new Error(`acknowledge of alarm ${id} was not recorded in the journal: ${reason}`);
    }
    const current = toAlarmDto(records.get(id) ?? t.record);
    emit([current]);
    return current;
  }

  function onChange(listener: AlarmChangeListener): Disposable {
    listeners.add(listener);
    return { dispose: () => listeners.delete(listener) };
  }

  return { setTags, ingest, list, acknowledge, onChange, setSystemCondition, flush: () => journalChain };
}
