// After the bridge has stopped (its stop flushes the historian queue): what really is in the SQLite file for the
// load tags inside the window, by source timestamp. Counters go up by one per change, so per tag
// (max − min + 1) − rows is the number of changes that never got committed.
import sqlite3 from 'sqlite3';

export interface HistorianWindowCheck {
  loadTags: number;
  rows: number;
  gaps: number;
}

export async function checkHistorianWindow(dbPath: string, fromMs: number, toMs: number): Promise<HistorianWindowCheck> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(dbPath, sqlite3.OPEN_READONLY, (err) => (err ? reject(err) : resolve(d)));
  });
  try {
    const rows = await new Promise<Array<{ n: number; lo: number; hi: number }>>((resolve, reject) => {
      db.all(
        `SELECT count(*) AS n, min(s.value) AS lo, max(s.value) AS hi
           FROM samples s JOIN tags t ON t.id = s.tag_id
          WHERE t.path LIKE '%/load/%' AND s.ts >= ? AND s.ts < ?
          GROUP BY s.tag_id`,
        [fromMs, toMs],
        (err, r: Array<{ n: number; lo: number; hi: number }>) => (err ? reject(err) : resolve(r)),
      );
    });
    let total = 0;
    let gaps = 0;
    for (const r of rows) {
      total += r.n;
      gaps += r.hi - r.lo + 1 - r.n;
    }
    return { loadTags: rows.length, rows: total, gaps };
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

/** The outage span checked against SQLite, change by change (load tags, within each tag's tracked span). */
export interface OutageHistorianCheck {
  /** Load-tag rows in SQLite inside the tracked spans. */
  rows: number;
  /** In SQLite (the bridge received it) but never at the subscriber: lost on the uplink path. */
  lostOnUplink: number;
  /** Received over MQTT but not in SQLite (the historian's (tag, ts) key keeps one of two same-stamp changes). */
  notInHistorian: number;
  /** Source timestamps (ms epoch) of the earliest and latest change lost on the uplink: where in the outage. */
  lostFirstTs: number | null;
  lostLastTs: number | null;
}

/** `received(load, value)`: true/false inside that tag's tracked span, null outside it. */
export async function crossCheckOutage(
  dbPath: string,
  fromMs: number,
  toMs: number,
  received: (load: number, value: number) => boolean | null,
  expectedReceived: number,
): Promise<OutageHistorianCheck> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(dbPath, sqlite3.OPEN_READONLY, (err) => (err ? reject(err) : resolve(d)));
  });
  let rows = 0;
  let lost = 0;
  let first: number | null = null;
  let last: number | null = null;
  try {
    await new Promise<void>((resolve, reject) => {
      db.each(
        `SELECT t.path AS path, s.value AS value, s.ts AS ts FROM samples s JOIN tags t ON t.id = s.tag_id
          WHERE t.path LIKE '%/load/%' AND s.ts >= ? AND s.ts <= ?`,
        [fromMs - 60_000, toMs + 60_000],
        (err, r: { path: string; value: number; ts: number }) => {
          if (err) return;
          const at = r.path.lastIndexOf('/value-');
          const load = at < 0 ? -1 : Number(r.path.slice(at + 7));
          const got = Number.isInteger(load) && load >= 0 ? received(load, r.value) : null;
          if (got === null) return;
          rows += 1;
          if (!got) {
            lost += 1;
            first = first === null ? r.ts : Math.min(first, r.ts);
            last = last === null ? r.ts : Math.max(last, r.ts);
          }
        },
        (err) => (err ? reject(err) : resolve()),
      );
    });
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
  // Everything received inside the spans that SQLite did not also hold.
  return { rows, lostOnUplink: lost, notInHistorian: expectedReceived - (rows - lost), lostFirstTs: first, lostLastTs: last };
}
