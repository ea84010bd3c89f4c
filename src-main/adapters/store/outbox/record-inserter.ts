// Inserts outbox records with multi-row INSERT statements prepared once: a full chunk (CHUNK_ROWS rows) plus
// power-of-two statements for the remainder, so a tick never prepares SQL. node-sqlite3 costs ~50 µs per run()
// call whatever its size, which is why single-row inserts could never reach 60,000 records/s.
import type { Db, PreparedStatement, SqlValue } from '../sqlite-db.js';

const CHUNK_ROWS = 500; // 1,500 bound parameters, well under SQLite's 32,766
const REMAINDER_SIZES = [256, 128, 64, 32, 16, 8, 4, 2, 1];

export interface NewRecord {
  key: string;
  body: Buffer;
  createdAt: number;
}

export interface RecordInserter {
  /** Inserts in the caller's transaction; returns the id of the last row (ids are consecutive, AUTOINCREMENT). */
  insert(records: readonly NewRecord[]): Promise<number>;
  close(): Promise<void>;
}

export async function createRecordInserter(db: Db): Promise<RecordInserter> {
  const statements = new Map<number, PreparedStatement>();
  for (const rows of [CHUNK_ROWS, ...REMAINDER_SIZES]) {
    statements.set(rows, await db.prepare(`INSERT INTO outbox (key, body, created_at) VALUES ${new Array<string>(rows).fill('(?,?,?)').join(',')}`));
  }
  return {
    async insert(records) {
      let lastId = 0;
      let i = 0;
      while (i < records.length) {
        const left = records.length - i;
        const rows = left >= CHUNK_ROWS ? CHUNK_ROWS : (REMAINDER_SIZES.find((n) => n <= left) ?? 1);
        const params = new Array<SqlValue>(rows * 3);
        for (let r = 0; r < rows; r++) {
          const rec = records[i + r] as NewRecord;
          params[r * 3] = rec.key;
          params[r * 3 + 1] = rec.body;
          params[r * 3 + 2] = Math.trunc(rec.createdAt);
        }
        const stmt = statements.get(rows);
        if (stmt === undefined) throw new Error(`no prepared outbox insert for ${rows} rows`);
        lastId = (await stmt.run(params)).lastID;
        i += rows;
      }
      return lastId;
    },
    async close() {
      for (const stmt of statements.values()) await stmt.finalize();
    },
  };
}

export function recordSize(rec: NewRecord): number {
  return rec.body.length + Buffer.byteLength(rec.key);
}
