// Writes samples in one transaction with multi-row INSERT OR REPLACE statements prepared once and reused:
// a full chunk statement (CHUNK_ROWS rows) plus power-of-two statements for the remainder, so no flush prepares SQL.
// Single-row run() calls cost ~50 µs each in node-sqlite3; a 500-row statement costs about the same per call.
import type { TagSample } from '../../contract/index.js';
import { qualityCode, sampleValue } from './sample-codec.js';
import { inTransaction, type Db, type PreparedStatement, type SqlValue } from './sqlite-db.js';

const CHUNK_ROWS = 500; // 2,000 bound parameters: well under SQLite's 32,766 limit
const REMAINDER_SIZES = [256, 128, 64, 32, 16, 8, 4, 2, 1];

export interface SampleWriter {
  /** Writes all samples in one transaction (new tag paths included); throws, with nothing committed, on failure. */
  write(samples: readonly TagSample[]): Promise<void>;
  /** The tag's integer id if it has been committed, else undefined. */
  tagId(path: string): number | undefined;
  close(): Promise<void>;
}

export async function createSampleWriter(db: Db): Promise<SampleWriter> {
  const statements = new Map<number, PreparedStatement>();
  for (const rows of [CHUNK_ROWS, ...REMAINDER_SIZES]) statements.set(rows, await db.prepare(insertSql(rows)));
  const insertTag = await db.prepare('INSERT OR IGNORE INTO tags (path) VALUES (?)');
  const tagIds = new Map<string, number>();
  for (const row of await db.all<{ id: number; path: string }>('SELECT id, path FROM tags')) tagIds.set(row.path, row.id);

  const resolveNewTags = async (samples: readonly TagSample[]): Promise<Map<string, number>> => {
    const unknown = new Set<string>();
    for (const s of samples) if (!tagIds.has(s.tagId)) unknown.add(s.tagId);
    const added = new Map<string, number>();
    if (unknown.size === 0) return added;
    for (const path of unknown) await insertTag.run([path]);
    const paths = [...unknown];
    for (let i = 0; i < paths.length; i += CHUNK_ROWS) {
      const part = paths.slice(i, i + CHUNK_ROWS);
      const rows = await db.all<{ id: number; path: string }>(
        `SELECT id, path FROM tags WHERE path IN (${part.map(() => '?').join(',')})`,
        part,
      );
      for (const row of rows) added.set(row.path, row.id);
    }
    return added;
  };

  const runRows = async (rows: number, params: SqlValue[]): Promise<void> => {
    const stmt = statements.get(rows);
    if (!stmt) throw new Error(`no prepared insert for ${rows} rows`);
    await stmt.run(params);
  };

  return {
    async write(samples) {
      if (samples.length === 0) return;
      // Ids of new paths join the in-memory map only after COMMIT: a rolled-back insert must not leave stale ids.
      const added = await inTransaction(db, async () => {
        const fresh = await resolveNewTags(samples);
        let i = 0;
        while (i < samples.length) {
          const left = samples.length - i;
          const rows = left >= CHUNK_ROWS ? CHUNK_ROWS : (REMAINDER_SIZES.find((n) => n <= left) as number);
          const params: SqlValue[] = new Array<SqlValue>(rows * 4);
          for (let r = 0; r < rows; r++) {
            const s = samples[i + r] as TagSample;
            const id = tagIds.get(s.tagId) ?? fresh.get(s.tagId);
            if (id === undefined) throw new Error(`tag ${s.tagId} has no id after insert`);
            const p = r * 4;
            params[p] = id;
            params[p + 1] = Math.trunc(s.ts);
            params[p + 2] = sampleValue(s.value);
            params[p + 3] = qualityCode(s.quality);
          }
          await runRows(rows, params);
          i += rows;
        }
        return fresh;
      });
      for (const [path, id] of added) tagIds.set(path, id);
    },
    tagId: (path) => tagIds.get(path),
    async close() {
      for (const stmt of statements.values()) await stmt.finalize();
      await insertTag.finalize();
    },
  };
}

function insertSql(rows: number): string {
  return `INSERT OR REPLACE INTO samples (tag_id, ts, value, quality) VALUES ${new Array<string>(rows).fill('(?,?,?,?)').join(',')}`;
}
