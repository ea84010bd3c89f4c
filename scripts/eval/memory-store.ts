// An in-memory HistorianStore for the maintenance eval: the service only saves and loads flags here; the rest of
// the port answers as an empty historian would (nothing is stored, nothing is pretended).
import type { CommandLogEntry, FlagDto, HistorianStatus, HistorySeries, JournalEntry, TagBatch } from '../../src-main/contract/index.js';
import type { AlarmSettingsRow, AuditEntry, HistorianStore, HistoryQuery, JournalQuery } from '../../src-main/services/ports.js';

export class MemoryFlagStore implements HistorianStore {
  flags: FlagDto[] = [];
  saves = 0;

  async open(): Promise<void> {}
  async close(): Promise<void> {}
  append(_batch: TagBatch): void {}
  async flush(): Promise<void> {}
  async queryHistory(q: HistoryQuery): Promise<HistorySeries> {
    return { tag: q.tag, mode: q.mode, from: q.from, to: q.to, rawCount: 0, t: [], v: [] };
  }
  async applyRetention(): Promise<number> {
    return 0;
  }
  status(): HistorianStatus {
    return {
      dbPath: ':memory:', rowsWritten: 0, queueDepth: 0, lastFlushMs: 0, writeErrors: 0, droppedSamples: 0,
      rejectedSamples: 0, replacedSamples: 0, lastError: null, retentionDays: 1,
    };
  }
  async appendJournal(_entries: Omit<JournalEntry, 'id'>[]): Promise<void> {}
  async queryJournal(_q: JournalQuery): Promise<JournalEntry[]> {
    return [];
  }
  async appendAudit(_entry: AuditEntry): Promise<number> {
    return 0;
  }
  async queryAudit(_q: JournalQuery): Promise<CommandLogEntry[]> {
    return [];
  }
  async saveFlags(flags: FlagDto[]): Promise<void> {
    this.saves++;
    this.flags = flags.map((f) => ({ ...f }));
  }
  async loadFlags(): Promise<FlagDto[]> {
    return this.flags;
  }
  async saveAlarmSettings(): Promise<void> {}
  async loadAlarmSettings(): Promise<AlarmSettingsRow[]> {
    return [];
  }
}
