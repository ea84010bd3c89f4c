// The outbox file's own schema steps, numbered like the historian's (append-only: add a number, never edit one).
import type { Migration } from '../migrations/migration.js';

export const outboxMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'outbox and gaps',
    sql: `
      -- AUTOINCREMENT: ids are never reused after deletes, so "id > cursor" always means "appended later".
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key TEXT NOT NULL,
        body BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE gaps (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        from_ts INTEGER NOT NULL,
        to_ts INTEGER NOT NULL,
        count INTEGER NOT NULL,
        recorded_at INTEGER NOT NULL
      );
    `,
  },
];

/** Stored size of one record as the counters account it (body plus key bytes). */
export const RECORD_SIZE_SQL = 'length(body) + length(CAST(key AS BLOB))';
