// A small promise wrapper over the asynchronous node-sqlite3 API: just what the historian needs, typed.
import sqlite3 from 'sqlite3';

/** What node-sqlite3 binds: numbers, text, NULL, and a Buffer as a BLOB. */
export type SqlValue = number | string | Buffer | null;

export interface RunInfo {
  changes: number;
  lastID: number;
}

export interface PreparedStatement {
  run(params: readonly SqlValue[]): Promise<RunInfo>;
  finalize(): Promise<void>;
}

export interface Db {
  readonly path: string;
  run(sql: string, params?: readonly SqlValue[]): Promise<RunInfo>;
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  prepare(sql: string): Promise<PreparedStatement>;
  close(): Promise<void>;
}

/** SQLite's error code (`SQLITE_FULL`, `SQLITE_BUSY` …) as node-sqlite3 reports it, or null. */
export function sqliteCode(err: unknown): string | null {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return null;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function openDb(path: string, opts: { readOnly?: boolean } = {}): Promise<Db> {
  const mode = opts.readOnly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
  return new Promise((resolve, reject) => {
    const raw: sqlite3.Database = new sqlite3.Database(path, mode, (err) => {
      if (err) reject(new Error(`cannot open SQLite database ${path}: ${err.message}`, { cause: err }));
      else resolve(wrap(raw, path));
    });
  });
}

function wrap(raw: sqlite3.Database, path: string): Db {
  return {
    path,
    run: (sql, params = []) =>
      new Promise((resolve, reject) => {
        raw.run(sql, params, function (this: sqlite3.RunResult, err: Error | null) {
          if (err) reject(err);
          else resolve({ changes: this.changes, lastID: this.lastID });
        });
      }),
    get: <T>(sql: string, params: readonly SqlValue[] = []) =>
      new Promise<T | undefined>((resolve, reject) => {
        raw.get<T>(sql, params, (err: Error | null, row?: T) => (err ? reject(err) : resolve(row)));
      }),
    all: <T>(sql: string, params: readonly SqlValue[] = []) =>
      new Promise<T[]>((resolve, reject) => {
        raw.all<T>(sql, params, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows)));
      }),
    exec: (sql) =>
      new Promise((resolve, reject) => {
        raw.exec(sql, (err) => (err ? reject(err) : resolve()));
      }),
    prepare: (sql) =>
      new Promise((resolve, reject) => {
        const stmt: sqlite3.Statement = raw.prepare(sql, (err: Error | null) => {
          if (err) reject(err);
          else resolve(wrapStatement(stmt));
        });
      }),
    close: () =>
      new Promise((resolve, reject) => {
        raw.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function wrapStatement(stmt: sqlite3.Statement): PreparedStatement {
  return {
    run: (params) =>
      new Promise((resolve, reject) => {
        stmt.run(params, function (this: sqlite3.RunResult, err: Error | null) {
          if (err) reject(err);
          else resolve({ changes: this.changes, lastID: this.lastID });
        });
      }),
    finalize: () =>
      new Promise((resolve) => {
        stmt.finalize(() => resolve());
      }),
  };
}

/** Runs `body` inside BEGIN IMMEDIATE … COMMIT; rolls back (ignoring a rollback SQLite already did) on failure. */
export async function inTransaction<T>(db: Db, body: () => Promise<T>): Promise<T> {
  await db.exec('BEGIN IMMEDIATE');
  try {
    const result = await body();
    await db.exec('COMMIT');
    return result;
  } catch (err) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
