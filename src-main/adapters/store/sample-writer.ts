// Writes samples in one transaction, binding ONE parameter per chunk: the rows travel as a compact JSON array
// `[[tagId,ts,value,quality],…]` that SQLite unpacks with json_each on its own thread. node-sqlite3 binds each
// parameter on the main thread (~6.7 µs per 4-column row with multi-row VALUES statements); one JSON string per
// chunk costs ~0.35 µs per row there (micro-benchmark in docs/benchmarks.md), and SQLite's side is no slower.
//
// Same (tag, source timestamp) twice: the last value wins, as before, but never silently. Each chunk is inserted
// with INSERT OR IGNORE first; only when some rows collided (changes < rows) does a second pass apply them in order
// with an upsert that updates a stored row only when value or quality differ, and that pass's change count is the
// number of values overwritten. An identical re-delivery (e.g. the current value again after a reconnect) is not
// counted: nothing was lost.
import type { TagSample } from '../../contract/index.js';
import { jsonSampleRow, qualityCode, sampleValue, type JsonSampleRow } from './sample-codec.js';
import { inTransaction, type Db, type PreparedStatement, type SqlValue } from './sqlite-db.js';

const CHUNK_ROWS = 8192; // ~300 KB of JSON per statement; larger chunks measured no faster
const TAG_LOOKUP_CHUNK = 500;

// A fifth element is the binary exponent of a double sent as an integer mantissa (see jsonSampleRow): the product
// of an integer below 2^53 and an exact power of two is the original double, bit for bit.
const JSON_ROWS = `SELECT r.value->>0, r.value->>1,
  iif(r.value->>4 IS NULL, r.value->>2, (r.value->>2) * power(2.0, r.value->>4)), r.value->>3 FROM json_each(?) AS r`;
const BOUND_ROW = 'VALUES (?,?,?,?)';
const insertNew = (rows: string) => `INSERT OR IGNORE INTO samples (tag_id, ts, value, quality) ${rows}`;
// `WHERE true` lets SQLite parse an upsert after a SELECT; the update's WHERE skips identical re-deliveries.
const replaceChanged = (rows: string) => `INSERT INTO samples (tag_id, ts, value, quality) ${rows} WHERE true
  ON CONFLICT (tag_id, ts) DO UPDATE SET value = excluded.value, quality = excluded.quality
  WHERE samples.value IS NOT excluded.value OR samples.quality IS NOT excluded.quality`;

export interface SampleWriter {
  /** Writes all samples in one transaction (new tag paths included); throws, with nothing committed, on failure. */
  write(samples: readonly TagSample[]): Promise<void>;
  /** The tag's integer id if it has been committed, else undefined. */
  tagId(path: string): number | undefined;
  /** Committed samples that overwrote a different value or quality stored under the same tag and timestamp. */
  readonly replacedSamples: number;
  close(): Promise<void>;
}

interface InsertPair {
  insert: PreparedStatement;
  replace: PreparedStatement;
}

export async function createSampleWriter(db: Db): Promise<SampleWriter> {
  const json: InsertPair = { insert: await db.prepare(insertNew(JSON_ROWS)), replace: await db.prepare(replaceChanged(JSON_ROWS)) };
  // One-row statements for the rare value JSON cannot carry exactly (±Infinity, ill-formed or NUL-bearing strings).
  const bound: InsertPair = { insert: await db.prepare(insertNew(BOUND_ROW)), replace: await db.prepare(replaceChanged(`SELECT ?,?,?,?`)) };
  const insertTag = await db.prepare('INSERT OR IGNORE INTO tags (path) VALUES (?)');
  const tagIds = new Map<string, number>();
  for (const row of await db.all<{ id: number; path: string }>('SELECT id, path FROM tags')) tagIds.set(row.path, row.id);
  let replacedSamples = 0;

  const resolveNewTags = async (samples: readonly TagSample[]): Promise<Map<string, number>> => {
    const unknown = new Set<string>();
    for (const s of samples) if (!tagIds.has(s.tagId)) unknown.add(s.tagId);
    const added = new Map<string, number>();
    if (unknown.size === 0) return added;
    for (const path of unknown) await insertTag.run([path]);
    const paths = [...unknown];
    for (let i = 0; i < paths.length; i += TAG_LOOKUP_CHUNK) {
      const part = paths.slice(i, i + TAG_LOOKUP_CHUNK);
      const rows = await db.all<{ id: number; path: string }>(
        `SELECT id, path FROM tags WHERE path IN (${part.map(() => '?').join(',')})`,
        part,
      );
      for (const row of rows) added.set(row.path, row.id);
    }
    return added;
  };

  /** Inserts `rows` rows; returns how many stored values they overwrote. */
  const insertRows = async (pair: InsertPair, params: SqlValue[], rows: number): Promise<number> => {
    const { changes } = await pair.insert.run(params);
    if (changes >= rows) return 0;
    return (await pair.replace.run(params)).changes;
  };

  return {
    async write(samples) {
      if (samples.length === 0) return;
      // Ids of new paths join the in-memory map only after COMMIT: a rolled-back insert must not leave stale ids.
      const { fresh, replaced } = await inTransaction(db, async () => {
        const fresh = await resolveNewTags(samples);
        let replaced = 0;
        let rows: JsonSampleRow[] = [];
        const flushJson = async (): Promise<void> => {
          if (rows.length === 0) return;
          const chunk = rows;
          rows = [];
          replaced += await insertRows(json, [JSON.stringify(chunk)], chunk.length);
        };
        for (const s of samples) {
          const id = tagIds.get(s.tagId) ?? fresh.get(s.tagId);
          if (id === undefined) throw new Error(`tag ${s.tagId} has no id after insert`);
          const ts = Math.trunc(s.ts);
          const quality = qualityCode(s.quality);
          const row = jsonSampleRow(id, ts, s.value, quality);
          if (row === undefined) {
            // Rows keep their order: what was gathered goes first, then this one bound on its own.
            await flushJson();
            replaced += await insertRows(bound, [id, ts, sampleValue(s.value), quality], 1);
            continue;
          }
          rows.push(row);
          if (rows.length >= CHUNK_ROWS) await flushJson();
        }
        await flushJson();
        return { fresh, replaced };
      });
      for (const [path, id] of fresh) tagIds.set(path, id);
      replacedSamples += replaced;
    },
    tagId: (path) => tagIds.get(path),
    get replacedSamples() {
      return replacedSamples;
    },
    async close() {
      for (const stmt of [json.insert, json.replace, bound.insert, bound.replace, insertTag]) await stmt.finalize();
    },
  };
}
