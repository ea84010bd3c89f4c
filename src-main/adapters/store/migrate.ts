// Applies the numbered migrations in order, each in its own transaction, recorded in `schema_migrations`.
import { inTransaction, type Db } from './sqlite-db.js';
import { latestSchemaVersion, migrations, type Migration } from './migrations/index.js';

export class NewerSchemaError extends Error {
  constructor(
    readonly dbPath: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `historian database ${dbPath} has schema version ${found}, newer than this PlantBridge supports (${known}); ` +
        'refusing to open it so newer data is not damaged: upgrade PlantBridge or configure another historian file',
    );
    this.name = 'NewerSchemaError';
  }
}

/** Brings the database to the latest schema; returns the versions applied (empty when already current). */
export async function migrate(db: Db, now: number, list: readonly Migration[] = migrations): Promise<number[]> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const known = list === migrations ? latestSchemaVersion : list.reduce((m, x) => Math.max(m, x.version), 0);
  const current = await currentVersion(db);
  if (current > known) throw new NewerSchemaError(db.path, current, known);
  const applied: number[] = [];
  for (const m of [...list].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    await inTransaction(db, async () => {
      await db.exec(m.sql);
      await db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, now]);
    });
    applied.push(m.version);
  }
  return applied;
}

export async function currentVersion(db: Db): Promise<number> {
  const row = await db.get<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return row?.v ?? 0;
}
