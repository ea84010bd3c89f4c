// The alarm journal, the command audit and the maintenance flags: small, durable, append-mostly records.
import type { AlarmState, CommandLogEntry, FlagDto, JournalEntry, JournalEvent } from '../../contract/index.js';
import type { AlarmSettingsRow, AuditEntry, JournalQuery } from '../../services/ports.js';
import { journalFilter } from './journal-search.js';
import { decodeTagValue, encodeTagValue } from './sample-codec.js';
import { inTransaction, type Db } from './sqlite-db.js';

export async function insertJournal(db: Db, entries: readonly Omit<JournalEntry, 'id'>[]): Promise<void> {
  if (entries.length === 0) return;
  await inTransaction(db, async () => {
    for (const e of entries) {
      await db.run(
        'INSERT INTO alarm_journal (ts, alarm_id, tag, event, state, value, user, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [Math.trunc(e.ts), e.alarmId, e.tag, e.event, e.state, encodeTagValue(e.value), e.user, e.comment],
      );
    }
  });
}

interface JournalRow {
  id: number;
  ts: number;
  alarm_id: string;
  tag: string;
  event: string;
  state: string;
  value: string | null;
  user: string | null;
  comment: string | null;
}

/** Newest first, `from`/`to` inclusive, with the search filters of `journalFilter`. */
export async function selectJournal(db: Db, q: JournalQuery): Promise<JournalEntry[]> {
  const filter = journalFilter(q);
  const rows = await db.all<JournalRow>(
    `SELECT * FROM alarm_journal WHERE ${filter.where} ORDER BY ts DESC, id DESC LIMIT ?`,
    [...filter.params, Math.max(0, Math.floor(q.limit))],
  );
  return rows.map((r) => ({
    id: r.id,
    ts: r.ts,
    alarmId: r.alarm_id,
    tag: r.tag,
    event: r.event as JournalEvent,
    state: r.state as AlarmState,
    value: decodeTagValue(r.value),
    user: r.user,
    comment: r.comment,
  }));
}

/** Returns the new row id once the row is committed (synchronous=FULL: on disk, not only in the OS cache). */
export async function insertAudit(db: Db, e: AuditEntry): Promise<number> {
  const info = await db.run(
    `INSERT INTO audit (ts, user, via, action, tag, old_value, new_value, status, message)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      Math.trunc(e.ts),
      e.user,
      e.via,
      e.action,
      e.tag,
      encodeTagValue(e.oldValue),
      encodeTagValue(e.newValue),
      e.status,
      e.message,
    ],
  );
  return info.lastID;
}

interface AuditRow {
  id: number;
  ts: number;
  user: string;
  via: string;
  tag: string;
  old_value: string | null;
  new_value: string | null;
  status: string;
  message: string;
  action: string;
}

/** The command log, newest first, `from`/`to` inclusive. */
export async function selectAudit(db: Db, q: JournalQuery): Promise<CommandLogEntry[]> {
  const rows = await db.all<AuditRow>(
    'SELECT id, ts, user, via, tag, old_value, new_value, status, message, action FROM audit WHERE ts >= ? AND ts <= ? ORDER BY ts DESC, id DESC LIMIT ?',
    [q.from ?? 0, q.to ?? Number.MAX_SAFE_INTEGER, Math.max(0, Math.floor(q.limit))],
  );
  return rows.map((r) => ({
    id: r.id,
    ts: r.ts,
    user: r.user,
    via: r.via,
    tag: r.tag,
    oldValue: decodeTagValue(r.old_value),
    newValue: decodeTagValue(r.new_value),
    status: r.status,
    message: r.message,
    action: r.action,
  }));
}

/** Upserts by flag id; flags missing from the list are kept (cleared flags are history, not garbage). */
export async function upsertFlags(db: Db, flags: readonly FlagDto[], now: number): Promise<void> {
  if (flags.length === 0) return;
  await inTransaction(db, async () => {
    for (const f of flags) {
      await db.run('INSERT OR REPLACE INTO maintenance_flags (id, json, updated_at) VALUES (?, ?, ?)', [
        f.id,
        JSON.stringify(f),
        now,
      ]);
    }
  });
}

export async function selectFlags(db: Db): Promise<FlagDto[]> {
  const rows = await db.all<{ json: string }>('SELECT json FROM maintenance_flags ORDER BY updated_at, id');
  const flags: FlagDto[] = [];
  for (const r of rows) {
    try {
      flags.push(JSON.parse(r.json) as FlagDto);
    } catch {
      // a damaged row is skipped rather than failing the whole restore
    }
  }
  return flags;
}

/** Saves (or with null, deletes) one alarm's runtime settings. */
export async function upsertAlarmSettings(db: Db, row: AlarmSettingsRow | { alarmId: string; settings: null }, now: number): Promise<void> {
  if (row.settings === null) {
    await db.run('DELETE FROM alarm_settings WHERE alarm_id = ?', [row.alarmId]);
    return;
  }
  await db.run('INSERT OR REPLACE INTO alarm_settings (alarm_id, json, updated_at) VALUES (?, ?, ?)', [
    row.alarmId,
    JSON.stringify(row.settings),
    Math.trunc(now),
  ]);
}

export async function selectAlarmSettings(db: Db): Promise<AlarmSettingsRow[]> {
  const rows = await db.all<{ alarm_id: string; json: string }>('SELECT alarm_id, json FROM alarm_settings ORDER BY alarm_id');
  const out: AlarmSettingsRow[] = [];
  for (const r of rows) {
    try {
      const settings: unknown = JSON.parse(r.json);
      if (settings && typeof settings === 'object') out.push({ alarmId: r.alarm_id, settings: settings as AlarmSettingsRow['settings'] });
    } catch {
      // a damaged row is skipped (the configured settings apply) rather than failing the start
    }
  }
  return out;
}
