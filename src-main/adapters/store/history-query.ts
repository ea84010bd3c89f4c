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

async function downsampled(db: Db, tagId: number, base: HistorySeries, points: number): Promise<HistorySeries> {
  const rows = await db.all<{ ts: number; v: number | null }>(
    `SELECT ts, ${NUMERIC} AS v FROM samples WHERE tag_id = ? AND ts BETWEEN ? AND ? ORDER BY ts`,
    [tagId, base.from, base.to],
  );
  const t = new Array<number>(rows.length);
  const v = new Array<number | null>(rows.length);
  rows.forEach((row, i) => {
    t[i] = row.ts;
    v[i] = row.v;
  });
  const out = lttb({ t, v }, points);
  return { ...base, rawCount: rows.length, t: out.t, v: out.v };
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
