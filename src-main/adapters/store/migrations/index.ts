// Every schema migration, in order. Add new ones at the end with the next version number.
import type { Migration } from './migration.js';
import initial from './001-initial.js';
import alarmSettings from './002-alarm-settings.js';
import maintenanceHistory from './003-maintenance-history.js';

export type { Migration } from './migration.js';

export const migrations: readonly Migration[] = [initial, alarmSettings, maintenanceHistory];

export const latestSchemaVersion: number = migrations.reduce((max, m) => Math.max(max, m.version), 0);
