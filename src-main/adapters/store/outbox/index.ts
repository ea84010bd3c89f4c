// The durable outbox adapter (one SQLite file per uplink): what the composition root and the uplinks need.
export { createSqliteOutbox, type SqliteOutbox, type SqliteOutboxOptions } from './sqlite-outbox.js';
