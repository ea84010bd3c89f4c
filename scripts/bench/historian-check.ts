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
