// Trend queries on the read connection: averaged buckets in SQL, LTTB over raw rows, or the most recent raw rows.
import type { HistorySeries } from '../../contract/index.js';
import { bucketWidth, lttb } from '../../domain/downsample.js';
import type { HistoryQuery } from '../../services/ports.js';
import type { Db } from './sqlite-db.js';

// Only numbers take part in averages and extremes; strings (and NULL) are gaps.
const NUMERIC = `CASE WHEN typeof(value) IN ('integer', 'real') THEN value END`;

export async function queryHistory(db: Db, q: HistoryQuery): Promise<HistorySeries> {
  const from = Math.floor(q.from);
  const to = Math.floor(q.to);
  const points = Math.max(1, Math.floor(q.points));
  const empty: HistorySeries = { tag: q.tag, mode: q.mode, from, to, rawCount: 0, t: [], v: [] };
  if (q.mode === 'avg') {
    empty.min = [];
    empty.max = [];
  }
  if (!(to >= from)) return empty;
  const tag = await db.get<{ id: number }>('SELECT id FROM tags WHERE path = ?', [q.tag]);
  if (!tag) return empty;

  switch (q.mode) {
    case 'avg':
      return averaged(db, tag.id, empty, points);
    case 'lttb':
      return downsampled(db, tag.id, empty, points);
    case 'raw':
      return latestRaw(db, tag.id, empty, points);
  }
}

async function averaged(db: Db, tagId: number, base: HistorySeries, points: number): Promise<HistorySeries> {
  const width = bucketWidth(base.from, base.to, points);
  // node-sqlite3 binds numbers beyond 32 bits as REAL: the casts keep the bucket division integral.
  const rows = await db.all<{ b: number; n: number; avg: number | null; lo: number | null; hi: number | null }>(
    `SELECT (ts - CAST(?1 AS INTEGER)) / CAST(?2 AS INTEGER) AS b, count(*) AS n, avg(${NUMERIC}) AS avg, min(${NUMERIC}) AS lo, max(${NUMERIC}) AS hi
       FROM samples WHERE tag_id = ?3 AND ts BETWEEN ?1 AND ?4 GROUP BY b ORDER BY b`,
    [base.from, width, tagId, base.to],
  );
  const t = new Array<number>(rows.length);
  const v = new Array<number | null>(rows.length);
  const min = new Array<number | null>(rows.length);
  const max = new Array<number | null>(rows.length);
  let rawCount = 0;
  rows.forEach((row, i) => {
    t[i] = base.from + row.b * width; // bucket start
    v[i] = row.avg;
    min[i] = row.lo;
    max[i] = row.hi;
    rawCount += row.n;
  });
  return { ...base, rawCount, t, v, min, max };
}

// Above this many raw rows per output point, LTTB runs on a min/max preselection instead of every raw row:
// MinMaxLTTB (Van Der Donckt et al., 2023). Materialising 86,400 row objects in node-sqlite3 costs ~90 ms; two grouped
// scans returning 8 candidates per point cost a fraction of that and keep every extreme LTTB could pick.
const PRESELECT_RATIO = 4;

async function downsampled(db: Db, tagId: number, base: HistorySeries, points: number): Promise<HistorySeries> {
  const range = [tagId, base.from, base.to];
  const count = await db.get<{ n: number }>('SELECT count(*) AS n FROM samples WHERE tag_id = ? AND ts BETWEEN ? AND ?', range);
  const rawCount = count?.n ?? 0;
  if (rawCount === 0) return base;
  const rows =
    rawCount <= points * PRESELECT_RATIO * 2
      ? await db.all<{ ts: number; v: number | null }>(
          `SELECT ts, ${NUMERIC} AS v FROM samples WHERE tag_id = ? AND ts BETWEEN ? AND ? ORDER BY ts`,
          range,
        )
      : await minMaxCandidates(db, tagId, base, bucketWidth(base.from, base.to, points * PRESELECT_RATIO));
  const t: number[] = [];
  const v: (number | null)[] = [];
  for (const row of rows) {
    if (t.length > 0 && t[t.length - 1] === row.ts) continue; // min and max of a bucket can be the same row
    t.push(row.ts);
    v.push(row.v);
  }
  const out = lttb({ t, v }, points);
  return { ...base, rawCount, t: out.t, v: out.v };
}

/** Per sub-bucket the minimum and the maximum row (SQLite's bare-column rule gives each its own ts), plus the first
 * and last rows of the range, ordered by time. Buckets of strings only yield a null, so gaps stay visible. */
function minMaxCandidates(db: Db, tagId: number, base: HistorySeries, width: number): Promise<{ ts: number; v: number | null }[]> {
  const bucket = '(ts - CAST(?2 AS INTEGER)) / CAST(?4 AS INTEGER)';
  const where = 'tag_id = ?1 AND ts BETWEEN ?2 AND ?3';
  return db.all(
    `SELECT ts, v FROM (
       SELECT ts, max(${NUMERIC}) AS v FROM samples WHERE ${where} GROUP BY ${bucket}
       UNION ALL SELECT ts, min(${NUMERIC}) AS v FROM samples WHERE ${where} GROUP BY ${bucket}
       UNION ALL SELECT * FROM (SELECT ts, ${NUMERIC} AS v FROM samples WHERE ${where} ORDER BY ts LIMIT 1)
       UNION ALL SELECT * FROM (SELECT ts, ${NUMERIC} AS v FROM samples WHERE ${where} ORDER BY ts DESC LIMIT 1)
     ) ORDER BY ts`,
    [tagId, base.from, base.to, width],
  );
}

async function latestRaw(db: Db, tagId: number, base: HistorySeries, points: number): Promise<HistorySeries> {
  const count = await db.get<{ n: number }>('SELECT count(*) AS n FROM samples WHERE tag_id = ? AND ts BETWEEN ? AND ?', [
    tagId,
    base.from,
    base.to,
  ]);
  const rows = await db.all<{ ts: number; v: number | null }>(
    `SELECT ts, ${NUMERIC} AS v FROM samples WHERE tag_id = ? AND ts BETWEEN ? AND ? ORDER BY ts DESC LIMIT ?`,
    [tagId, base.from, base.to, points],
  );
  rows.reverse();
  return { ...base, rawCount: count?.n ?? 0, t: rows.map((r) => r.ts), v: rows.map((r) => r.v) };
}
