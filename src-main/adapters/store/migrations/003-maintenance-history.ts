import type { Migration } from './migration.js';

// Maintenance flag history (append-only, like the alarm journal) and the run-hour counters of motor-driven assets.
const migration: Migration = {
  version: 3,
  name: 'maintenance-history',
  sql: `
CREATE TABLE maintenance_flag_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ts INTEGER NOT NULL,
  flag_id TEXT NOT NULL,
  asset TEXT NOT NULL,
  rule TEXT NOT NULL,
  event TEXT NOT NULL,
  severity TEXT NOT NULL,
  user TEXT,
  comment TEXT
);
CREATE INDEX maintenance_flag_history_ts ON maintenance_flag_history (ts);
CREATE TRIGGER maintenance_flag_history_no_update BEFORE UPDATE ON maintenance_flag_history
BEGIN SELECT RAISE(ABORT, 'flag history is append-only: rows cannot be updated'); END;
CREATE TRIGGER maintenance_flag_history_no_delete BEFORE DELETE ON maintenance_flag_history
BEGIN SELECT RAISE(ABORT, 'flag history is append-only: rows cannot be deleted'); END;

CREATE TABLE maintenance_run_counters (
  asset TEXT PRIMARY KEY,
  json TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`,
};

export default migration;
