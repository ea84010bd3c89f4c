// Maintenance records in the historian file: the append-only flag history and the run-hour counters.
import type { FlagHistoryEntry, FlagHistoryEvent, FlagSeverity } from '../../contract/index.js';
import type { RunCounterState } from '../../domain/maintenance/run-counter.js';
import type { FlagHistoryQuery } from '../../services/maintenance/maintenance-store.js';
import { inTransaction, type Db } from './sqlite-db.js';

export async function insertFlagHistory(db: Db, entries: readonly Omit<FlagHistoryEntry, 'id'>[]): Promise<void> {
  if (entries.length === 0) return;
  await inTransaction(db, async () => {
    for (const e of entries) {
      await db.run(
        'INSERT INTO maintenance_flag_history (ts, flag_id, asset, rule, event, severity, user, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [Math.trunc(e.ts), e.flagId, e.asset, e.rule, e.event, e.severity, e.user, e.comment],
      );
    }
  });
}

interface HistoryRow {
  id: number;
  ts: number;
  flag_id: string;
  asset: string;
  rule: string;
  event: string;
  severity: string;
  user: string | null;
  comment: string | null;
}

/** Newest first, `from`/`to` inclusive. */
export async function selectFlagHistory(db: Db, q: FlagHistoryQuery): Promise<FlagHistoryEntry[]> {
  const rows = await db.all<HistoryRow>(
    'SELECT * FROM maintenance_flag_history WHERE ts >= ? AND ts <= ? ORDER BY ts DESC, id DESC LIMIT ?',
    [q.from ?? 0, q.to ?? Number.MAX_SAFE_INTEGER, Math.max(0, Math.floor(q.limit))],
  );
  return rows.map((r) => ({
    id: r.id,
    ts: r.ts,
    flagId: r.flag_id,
    asset: r.asset,
    rule: r.rule,
    event: r.event as FlagHistoryEvent,
    severity: r.severity as FlagSeverity,
    user: r.user,
    comment: r.comment,
  }));
}

export async function upsertRunCounters(db: Db, counters: readonly RunCounterState[], now: number): Promise<void> {
  if (counters.length === 0) return;
  await inTransaction(db, async () => {
    for (const c of counters) {
      await db.run('INSERT OR REPLACE INTO maintenance_run_counters (asset, json, updated_at) VALUES (?, ?, ?)', [
        c.asset,
        JSON.stringify(c),
        now,
      ]);
    }
  });
}

function isCounter(x: unknown): x is RunCounterState {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return (
    typeof c.asset === 'string' &&
    typeof c.runningTag === 'string' &&
    typeof c.runMs === 'number' &&
    typeof c.starts === 'number' &&
    typeof c.runMsAtService === 'number' &&
    Array.isArray(c.recentStarts)
  );
}

export async function selectRunCounters(db: Db): Promise<RunCounterState[]> {
  const rows = await db.all<{ json: string }>('SELECT json FROM maintenance_run_counters ORDER BY asset');
  const out: RunCounterState[] = [];
  for (const r of rows) {
    try {
      const parsed: unknown = JSON.parse(r.json);
      if (isCounter(parsed)) out.push(parsed);
    } catch {
      // a damaged row is skipped rather than failing the whole restore
    }
  }
  return out;
}
