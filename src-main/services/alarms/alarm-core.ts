// The shared state of the alarm service: the alarm records, the journal writer (rows land in the order the
// transitions happened), change notification and the persisted runtime settings (limit edits, shelving, service).
import type { AlarmDto, JournalEntry } from '../../contract/index.js';
import type { AlarmRuntimeSettings } from '../../domain/alarm-runtime.js';
import { toAlarmDto, type AlarmRecord, type AlarmTransition } from '../../domain/alarm-state-machine.js';
import type { Clock, HistorianStore, Log } from '../ports.js';

export type JournalRow = Omit<JournalEntry, 'id'>;
export type AlarmChangeListener = (changed: AlarmDto[]) => void;

export function journalRow(t: AlarmTransition, ts: number): JournalRow {
  return {
    ts,
    alarmId: t.record.def.id,
    tag: t.record.def.tag,
    event: t.event,
    state: t.record.state,
    value: t.record.value,
    user: t.user ?? null,
    comment: t.comment ?? null,
  };
}

export class AlarmCore {
  readonly records = new Map<string, AlarmRecord>();
  /** Runtime settings loaded from and saved to the store, by alarm id. */
  readonly runtime = new Map<string, AlarmRuntimeSettings>();
  readonly listeners = new Set<AlarmChangeListener>();
  private journalChain: Promise<void> = Promise.resolve();

  constructor(
    readonly store: HistorianStore,
    readonly clock: Clock,
    readonly log: Log,
  ) {}

  writeJournal(rows: JournalRow[]): Promise<void> {
    const write = this.journalChain.then(() => this.store.appendJournal(rows));
    this.journalChain = write.catch(() => undefined);
    return write;
  }

  flush(): Promise<void> {
    return this.journalChain;
  }

  emit(changed: AlarmDto[]): void {
    if (changed.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(changed);
      } catch (err) {
        this.log.error({ err }, 'alarm change listener failed');
      }
    }
  }

  /** Journals process transitions in one write (not awaited: the data path never waits) and tells listeners. */
  commit(transitions: AlarmTransition[], ts: number): void {
    if (transitions.length === 0) return;
    const rows = transitions.map((t) => journalRow(t, ts));
    this.writeJournal(rows).catch((err: unknown) =>
      this.log.error({ err, rows: rows.length }, 'alarm journal write failed; transitions kept in memory'),
    );
    const latest = new Map<string, AlarmRecord>();
    for (const t of transitions) latest.set(t.record.def.id, this.records.get(t.record.def.id) ?? t.record);
    this.emit([...latest.values()].map(toAlarmDto));
  }

  /** The runtime settings an alarm record implies (shelving and service state) over its stored limit edits. */
  runtimeOf(record: AlarmRecord): AlarmRuntimeSettings | null {
    const limits = this.runtime.get(record.def.id)?.limits;
    const out: AlarmRuntimeSettings = {};
    if (limits && Object.keys(limits).length > 0) out.limits = limits;
    if (record.outOfService) out.outOfService = record.outOfService;
    if (record.shelving) out.shelving = record.shelving;
    return Object.keys(out).length === 0 ? null : out;
  }

  async persist(id: string, settings: AlarmRuntimeSettings | null): Promise<void> {
    await this.store.saveAlarmSettings(id, settings, this.clock.now());
    if (settings) this.runtime.set(id, settings);
    else this.runtime.delete(id);
  }

  /** Saves shelving/service changes the service made by itself (expiry); failures are logged, not thrown. */
  persistQuietly(record: AlarmRecord): void {
    this.persist(record.def.id, this.runtimeOf(record)).catch((err: unknown) =>
      this.log.error({ err, alarm: record.def.id }, 'could not save the alarm runtime settings'),
    );
  }
}
