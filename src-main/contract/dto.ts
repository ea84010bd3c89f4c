// Data shapes that cross the UI/backend boundary. Plain JSON only: no classes, no Dates, no bigint.
// Split by area into dto/*.ts; this file re-exports them so `contract/dto.js` stays the one import.

export type * from './dto/tags.js';
export type * from './dto/connections.js';
export type * from './dto/history.js';
export type * from './dto/alarms.js';
export type * from './dto/alarm-kpis.js';
export type * from './dto/maintenance.js';
export type * from './dto/commands.js';
export type * from './dto/hypercat.js';
