import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { migrate, currentVersion, NewerSchemaError } from '../../../src-main/adapters/store/migrate.js';
import { latestSchemaVersion, migrations } from '../../../src-main/adapters/store/migrations/index.js';
import { openDb } from '../../../src-main/adapters/store/sqlite-db.js';
import { createSqliteHistorian } from '../../../src-main/adapters/store/index.js';
import { fixedClock, recordingLog, tempDir } from './store-fixtures.js';

const tmp = tempDir();
after(() => tmp.remove());

describe('schema migrations', () => {
  it('are numbered 1..n without gaps or duplicates, each with a name and SQL', () => {
    const versions = migrations.map((m) => m.version);
    assert.deepEqual(versions, versions.map((_, i) => i + 1));
    assert.equal(latestSchemaVersion, migrations.length);
    for (const m of migrations) {
      assert.match(m.name, /^[a-z0-9-]+$/);
      assert.ok(m.sql.trim().length > 0);
    }
  });

  it('migrate an empty database, and a second run changes nothing', async () => {
    const db = await openDb(tmp.file('twice.db'));
    try {
      assert.deepEqual(await migrate(db, 1), migrations.map((m) => m.version));
      const schema = await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table','trigger') ORDER BY name");
      assert.deepEqual(await migrate(db, 2), []);
      assert.deepEqual(
        await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table','trigger') ORDER BY name"),
        schema,
      );
      const rows = await db.all<{ version: number; applied_at: number }>('SELECT version, applied_at FROM schema_migrations');
      assert.equal(rows.length, migrations.length);
      assert.ok(rows.every((r) => r.applied_at === 1));
      for (const table of ['tags', 'samples', 'alarm_journal', 'audit', 'maintenance_flags']) {
        assert.ok(schema.some((s) => s.name === table), `table ${table} exists`);
      }
    } finally {
      await db.close();
    }
  });

  it('roll back a failing migration entirely and leave the version unchanged', async () => {
    const db = await openDb(tmp.file('broken.db'));
    try {
      await migrate(db, 1);
      const broken = [...migrations, { version: latestSchemaVersion + 1, name: 'broken', sql: 'CREATE TABLE half (x); SELECT nope FROM nowhere;' }];
      await assert.rejects(migrate(db, 2, broken), /no such table: nowhere/);
      assert.equal(await currentVersion(db), latestSchemaVersion);
      assert.equal(await db.get("SELECT name FROM sqlite_master WHERE name = 'half'"), undefined);
    } finally {
      await db.close();
    }
  });

  it('refuse to open a database written by a newer PlantBridge', async () => {
    const path = tmp.file('newer.db');
    const db = await openDb(path);
    await migrate(db, 1);
    await db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [latestSchemaVersion + 5, 'future', 3]);
    await db.close();

    const store = createSqliteHistorian({ dbPath: path, retentionDays: 30, log: recordingLog(), clock: fixedClock() });
    await assert.rejects(store.open(), (err: unknown) => {
      assert.ok(err instanceof NewerSchemaError);
      assert.match(err.message, new RegExp(`schema version ${latestSchemaVersion + 5}, newer than this PlantBridge supports`));
      return true;
    });
    await store.close();
  });
});
