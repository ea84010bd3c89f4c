// What the maintenance service persists beyond the flags themselves: the flag history and the run-hour counters.
// Optional: without it (unit tests, the headless evaluation) both live in memory only.
import type { FlagHistoryEntry } from '../../contract/index.js';
import type { RunCounterState } from '../../domain/maintenance/run-counter.js';

export interface FlagHistoryQuery {
  from?: number | undefined;
  to?: number | undefined;
  limit: number;
}

export interface MaintenanceStore {
  appendFlagHistory(entries: Omit<FlagHistoryEntry, 'id'>[]): Promise<void>;
  /** Newest first, `from`/`to` inclusive. */
  queryFlagHistory(q: FlagHistoryQuery): Promise<FlagHistoryEntry[]>;
  saveRunCounters(counters: RunCounterState[]): Promise<void>;
  loadRunCounters(): Promise<RunCounterState[]>;
}

/** The in-memory fallback: bounded history, counters kept for the process lifetime. */
export function createMemoryMaintenanceStore(maxHistory = 10_000): MaintenanceStore {
  let history: FlagHistoryEntry[] = [];
  let counters: RunCounterState[] = [];
  let nextId = 1;
  return {
    async appendFlagHistory(entries) {
      for (const e of entries) history.push({ ...e, id: nextId++ });
      if (history.length > maxHistory) history = history.slice(-maxHistory);
    },
    async queryFlagHistory(q) {
      const from = q.from ?? 0;
      const to = q.to ?? Number.MAX_SAFE_INTEGER;
      return history.filter((h) => h.ts >= from && h.ts <= to).reverse().slice(0, q.limit);
    },
    async saveRunCounters(c) {
      counters = structuredClone(c);
    },
    async loadRunCounters() {
      return structuredClone(counters);
    },
  };
}
