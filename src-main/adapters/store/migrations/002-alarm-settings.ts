import type { Migration } from './migration.js';

// Runtime settings of alarms that must survive a restart: an engineer's limit edits, out-of-service and timed
// shelving. One JSON row per alarm id; the history of each change is in the alarm journal and the audit.
const migration: Migration = {
  version: 2,
  name: 'alarm-settings',
  sql: `
CREATE TABLE alarm_settings (
  alarm_id TEXT PRIMARY KEY,
  json TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`,
};

export default migration;
