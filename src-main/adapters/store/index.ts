// The SQLite historian adapter: what the composition root needs, nothing more.
export {
  createSqliteHistorian,
  type SqliteHistorian,
  type SqliteHistorianOptions,
  type SqliteHistorianStatus,
} from './sqlite-historian.js';
export { NewerSchemaError } from './migrate.js';
export { latestSchemaVersion, migrations, type Migration } from './migrations/index.js';
