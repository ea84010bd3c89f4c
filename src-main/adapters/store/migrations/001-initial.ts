import type { Migration } from './migration.js';

// Samples are clustered by (tag_id, ts) in a WITHOUT ROWID table: one tag's range is one contiguous B-tree scan.
// `value` has no declared type on purpose (no affinity): numbers and booleans (1/0) are stored as numbers, strings
// as TEXT, and a string such as "12" stays a string. Quality codes: 0 good, 1 uncertain, 2 bad, 3 stale.
// Journal and audit values are JSON text so a boolean, a number and a string stay distinguishable.
// The audit and the alarm journal are append-only, enforced by triggers rather than by convention.
const migration: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE
);

CREATE TABLE samples (
  tag_id INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  value,
  quality INTEGER NOT NULL,
  PRIMARY KEY (tag_id, ts)
) WITHOUT ROWID;

CREATE TABLE alarm_journal (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ts INTEGER NOT NULL,
  alarm_id TEXT NOT NULL,
  tag TEXT NOT NULL,
  event TEXT NOT NULL,
  state TEXT NOT NULL,
  value TEXT,
  user TEXT,
  comment TEXT
);
CREATE INDEX alarm_journal_ts ON alarm_journal (ts);

CREATE TABLE audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ts INTEGER NOT NULL,
  user TEXT NOT NULL,
  via TEXT NOT NULL,
  action TEXT NOT NULL,
  tag TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT,
  status TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX audit_ts ON audit (ts);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only: rows cannot be updated'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only: rows cannot be deleted'); END;
CREATE TRIGGER alarm_journal_no_update BEFORE UPDATE ON alarm_journal
BEGIN SELECT RAISE(ABORT, 'alarm journal is append-only: rows cannot be updated'); END;
CREATE TRIGGER alarm_journal_no_delete BEFORE DELETE ON alarm_journal
BEGIN SELECT RAISE(ABORT, 'alarm journal is append-only: rows cannot be deleted'); END;

CREATE TABLE maintenance_flags (
  id TEXT PRIMARY KEY,
  json TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`,
};

export default migration;
