// The size and age limits: drop the oldest records that are not in flight, count them, and record the span they
// covered as a gap (one gap row per overflow episode, widened while the episode lasts) so a receiver can be told
// that data is missing rather than silently not seeing it.
import { inTransaction, type Db } from '../sqlite-db.js';
import { RECORD_SIZE_SQL } from './outbox-schema.js';
import type { TakeCursor } from './take-cursor.js';

const SCAN_ROWS = 1000;
const DELETE_CHUNK = 1000;

export interface StoreCounters {
  depth: number;
  bytes: number;
  /** created_at of the lowest stored id; meaningless when depth is 0. */
  oldestCreatedAt: number;
}

export interface Drop {
  count: number;
  bytes: number;
  from: number;
  to: number;
}

export function overLimits(c: StoreCounters, maxBytes: number, cutoff: number): boolean {
  return c.bytes > maxBytes || (c.depth > 0 && c.oldestCreatedAt < cutoff);
}

/** Picks the oldest records to drop (never one in flight) until the store is within both limits. */
export async function pickVictims(
  db: Db,
  c: StoreCounters,
  cursor: TakeCursor,
  maxBytes: number,
  cutoff: number,
): Promise<{ ids: number[]; drop: Drop }> {
  const excess = c.bytes - maxBytes;
  const ids: number[] = [];
  const drop: Drop = { count: 0, bytes: 0, from: Infinity, to: -Infinity };
  let after = 0;
  for (;;) {
    const rows = await db.all<{ id: number; createdAt: number; size: number }>(
      `SELECT id, created_at AS createdAt, ${RECORD_SIZE_SQL} AS size FROM outbox WHERE id > ? ORDER BY id LIMIT ${SCAN_ROWS}`,
      [after],
    );
    for (const row of rows) {
      after = row.id;
      if (cursor.isOut(row.id)) continue;
      if (drop.bytes >= excess && row.createdAt >= cutoff) return { ids, drop };
      ids.push(row.id);
      drop.count += 1;
      drop.bytes += row.size;
      if (row.createdAt < drop.from) drop.from = row.createdAt;
      if (row.createdAt > drop.to) drop.to = row.createdAt;
    }
    if (rows.length < SCAN_ROWS) return { ids, drop };
  }
}

/** Deletes the victims and widens (or opens) the episode's gap row, in one transaction. Returns the gap row id. */
export async function deleteVictims(db: Db, ids: readonly number[], drop: Drop, gapId: number | null, now: number): Promise<number> {
  return inTransaction(db, async () => {
    for (let i = 0; i < ids.length; i += DELETE_CHUNK) {
      await db.run('DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids.slice(i, i + DELETE_CHUNK))]);
    }
    if (gapId !== null) {
      const updated = await db.run(
        'UPDATE gaps SET from_ts = min(from_ts, ?), to_ts = max(to_ts, ?), count = count + ?, recorded_at = ? WHERE id = ?',
        [drop.from, drop.to, drop.count, now, gapId],
      );
      if (updated.changes === 1) return gapId;
    }
    const inserted = await db.run('INSERT INTO gaps (from_ts, to_ts, count, recorded_at) VALUES (?, ?, ?, ?)', [
      drop.from,
      drop.to,
      drop.count,
      now,
    ]);
    return inserted.lastID;
  });
}
