// The durable store-and-forward of one uplink: a FIFO of records in its own SQLite file (WAL, synchronous=FULL),
// separate from the historian so its commits never wait behind sample writes. One connection; every statement
// runs under a serial lock so a take() never sees (or hands out) rows of a transaction that may still roll back.
// Counters (depth, bytes, oldest) live in memory, initialised at open(), so status() never touches the disk.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { OutboxStatus } from '../../../contract/index.js';
import type { Clock, Log, Outbox, OutboxGap, OutboxRecord } from '../../../services/ports.js';
import { migrate } from '../migrate.js';
import { createSerialLock } from '../serial-lock.js';
import { errorMessage, openDb, sqliteCode, type Db } from '../sqlite-db.js';
import { AppendQueue } from './append-queue.js';
import { DrainRate } from './drain-rate.js';
import { deleteVictims, overLimits, pickVictims, type StoreCounters } from './outbox-limits.js';
import { outboxMigrations, RECORD_SIZE_SQL } from './outbox-schema.js';
import { createRecordInserter, recordSize, type NewRecord, type RecordInserter } from './record-inserter.js';
import { TakeCursor } from './take-cursor.js';

export interface SqliteOutboxOptions {
  /** One file per uplink, e.g. `<data-dir>/outbox-mqtt-json.db`. */
  dbPath: string;
  maxBytes: number;
  maxAgeMs: number;
  log: Log;
  clock: Clock;
  /** How long appends gather before one commit (default 25 ms). */
  tickMs?: number;
}

/** The port plus what an uplink needs to let live data overtake a draining backlog. */
export interface SqliteOutbox extends Outbox {
  readonly dbPath: string;
  /** Highest id committed so far (0 for a new file): records appended later have higher ids. */
  lastId(): number;
  /** Up to `limit` oldest records with id > `afterId` (default 0) not already handed out. */
  take(limit: number, afterId?: number): Promise<OutboxRecord[]>;
}

const READ_CHUNK = 1000;
const EAGER_ROWS = 5000;
const AGE_CHECK_MS = 5_000;
/** An overflow episode ends (and the next drop warns and opens a new gap row) after this long without drops. */
const EPISODE_QUIET_MS = 60_000;

export function createSqliteOutbox(opts: SqliteOutboxOptions): SqliteOutbox {
  return new SqliteOutboxImpl(opts);
}

class SqliteOutboxImpl implements SqliteOutbox {
  readonly dbPath: string;
  private db: Db | null = null;
  private inserter: RecordInserter | null = null;
  private state: 'new' | 'open' | 'closed' = 'new';
  private readonly lock = createSerialLock();
  private readonly cursor = new TakeCursor();
  private readonly queue: AppendQueue;
  private readonly rate = new DrainRate();
  private readonly counters: StoreCounters = { depth: 0, bytes: 0, oldestCreatedAt: 0 };
  private maxId = 0;
  private dropped = 0;
  private delivered = 0;
  private gapId: number | null = null;
  private lastDropAt = 0;
  private ageTimer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: SqliteOutboxOptions) {
    this.dbPath = opts.dbPath;
    this.queue = new AppendQueue((records) => this.commit(records), opts.tickMs ?? 25, EAGER_ROWS);
  }

  async open(): Promise<void> {
    if (this.state !== 'new') throw new Error(`outbox ${this.dbPath} was already opened`);
    mkdirSync(dirname(this.dbPath), { recursive: true });
    const db = await openDb(this.dbPath);
    try {
      const mode = await db.get<{ journal_mode: string }>('PRAGMA journal_mode = WAL');
      if (mode?.journal_mode !== 'wal') this.opts.log.warn({ dbPath: this.dbPath }, 'outbox could not enable WAL');
      await db.exec('PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
      await migrate(db, this.opts.clock.now(), outboxMigrations);
      const totals = await db.get<{ depth: number; bytes: number | null; maxId: number | null }>(
        `SELECT count(*) AS depth, sum(${RECORD_SIZE_SQL}) AS bytes, max(id) AS maxId FROM outbox`,
      );
      const seq = await db.get<{ seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'");
      this.counters.depth = totals?.depth ?? 0;
      this.counters.bytes = totals?.bytes ?? 0;
      this.maxId = Math.max(seq?.seq ?? 0, totals?.maxId ?? 0);
      this.db = db;
      await this.refreshOldest(db);
      this.inserter = await createRecordInserter(db);
    } catch (err) {
      await db.close().catch(() => undefined);
      this.state = 'closed';
      throw new Error(`outbox ${this.dbPath}: cannot open: ${errorMessage(err)}`, { cause: err });
    }
    this.state = 'open';
    if (this.counters.depth > 0) {
      this.opts.log.info({ dbPath: this.dbPath, depth: this.counters.depth, bytes: this.counters.bytes }, 'outbox reopened with a backlog');
    }
    this.ageTimer = setInterval(() => void this.enforceLimits(true), AGE_CHECK_MS);
    this.ageTimer.unref();
  }

  async close(): Promise<void> {
    if (this.state !== 'open') {
      this.state = 'closed';
      return;
    }
    await this.queue.flush();
    this.state = 'closed';
    if (this.ageTimer !== null) clearInterval(this.ageTimer);
    await this.lock.run(async () => {
      await this.inserter?.close();
      await this.db?.close();
      this.inserter = null;
      this.db = null;
    });
  }

  append(records: { key: string; body: Buffer; createdAt: number }[]): Promise<void> {
    if (this.state !== 'open') return Promise.reject(new Error(`outbox ${this.dbPath} is not open`));
    if (records.length === 0) return Promise.resolve();
    return this.queue.push(records);
  }

  take(limit: number, afterId = 0): Promise<OutboxRecord[]> {
    return this.lock.run(async () => {
      const db = this.requireDb('take');
      const out: OutboxRecord[] = [];
      this.cursor.beginScan();
      try {
        await this.scan(db, out, limit, afterId);
      } finally {
        this.cursor.endScan();
      }
      return out;
    });
  }

  /** Reads oldest-first from where earlier scans left off; every row scanned is either handed out already or taken
   * now, so the cursor's hint can follow the scan. */
  private async scan(db: Db, out: OutboxRecord[], limit: number, afterId: number): Promise<void> {
    let start = this.cursor.startFor(afterId);
    while (out.length < limit) {
      const rows = await db.all<{ id: number; key: string; body: Buffer; createdAt: number }>(
        `SELECT id, key, body, created_at AS createdAt FROM outbox WHERE id > ? ORDER BY id LIMIT ${READ_CHUNK}`,
        [start],
      );
      let used = 0;
      for (const row of rows) {
        if (out.length >= limit) break;
        used += 1;
        start = row.id;
        if (!this.cursor.isOut(row.id)) {
          this.cursor.hand(row.id, row.body.length + Buffer.byteLength(row.key));
          out.push(row);
        }
      }
      this.cursor.advance(afterId, start);
      if (rows.length < READ_CHUNK) {
        // The end of the table: nothing up to the last committed id is left untaken after this scan.
        if (used === rows.length) this.cursor.advance(afterId, Math.max(start, this.maxId));
        break;
      }
    }
  }

  ack(ids: number[]): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    return this.lock.run(async () => {
      const db = this.requireDb('ack');
      let count = 0;
      let bytes = 0;
      for (let i = 0; i < ids.length; i += READ_CHUNK) {
        const part = ids.slice(i, i + READ_CHUNK);
        const gone = await db.all<{ id: number; size: number }>(
          `DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?)) RETURNING id, ${RECORD_SIZE_SQL} AS size`,
          [JSON.stringify(part)],
        );
        for (const row of gone) {
          count += 1;
          bytes += row.size;
        }
        for (const id of part) this.cursor.forget(id);
      }
      this.counters.depth -= count;
      this.counters.bytes -= bytes;
      this.delivered += count;
      this.rate.add(count, this.opts.clock.now());
      await this.refreshOldest(db);
    });
  }

  release(ids: number[]): void {
    this.cursor.release(ids);
  }

  lastId(): number {
    return this.maxId;
  }

  status(): OutboxStatus {
    const now = this.opts.clock.now();
    return {
      depth: this.counters.depth,
      bytes: this.counters.bytes,
      maxBytes: this.opts.maxBytes,
      oldestAgeMs: this.counters.depth > 0 ? Math.max(0, now - this.counters.oldestCreatedAt) : 0,
      drainRatePerSec: this.rate.perSecond(now),
      dropped: this.dropped,
      delivered: this.delivered,
    };
  }

  gaps(): Promise<OutboxGap[]> {
    return this.lock.run(() =>
      this.requireDb('gaps').all<OutboxGap>('SELECT from_ts AS "from", to_ts AS "to", count FROM gaps ORDER BY id'),
    );
  }

  /** One transaction for everything gathered in a tick, then the limits. */
  private commit(records: NewRecord[]): Promise<void> {
    return this.lock.run(async () => {
      const db = this.requireDb('append');
      const inserter = this.inserter as RecordInserter;
      let lastId: number;
      try {
        await db.exec('BEGIN IMMEDIATE');
        lastId = await inserter.insert(records);
        await db.exec('COMMIT');
      } catch (err) {
        await db.exec('ROLLBACK').catch(() => undefined);
        throw this.describe(err);
      }
      if (this.counters.depth === 0) this.counters.oldestCreatedAt = (records[0] as NewRecord).createdAt;
      this.counters.depth += records.length;
      for (const rec of records) this.counters.bytes += recordSize(rec);
      this.maxId = lastId;
      // The records are committed whatever happens next: a failing limit check is logged, never the append's error.
      await this.dropOverLimits(db, false).catch((err: unknown) =>
        this.opts.log.error({ dbPath: this.dbPath, err: errorMessage(err) }, 'outbox limit check failed'),
      );
    });
  }

  private enforceLimits(checkAge: boolean): Promise<void> {
    if (this.state !== 'open') return Promise.resolve();
    return this.lock
      .run(async () => {
        if (this.db !== null) await this.dropOverLimits(this.db, checkAge);
      })
      .catch((err: unknown) => this.opts.log.error({ dbPath: this.dbPath, err: errorMessage(err) }, 'outbox limit check failed'));
  }

  /** Runs under the lock. The age limit is checked by the timer only: scanning past an old in-flight head on every
   * tick would cost more than it saves. */
  private async dropOverLimits(db: Db, checkAge: boolean): Promise<void> {
    const now = this.opts.clock.now();
    const cutoff = checkAge ? now - this.opts.maxAgeMs : -Infinity;
    if (!overLimits(this.counters, this.opts.maxBytes, cutoff)) {
      if (this.gapId !== null && now - this.lastDropAt > EPISODE_QUIET_MS) this.gapId = null;
      return;
    }
    const { ids, drop } = await pickVictims(db, this.counters, this.cursor, this.opts.maxBytes, cutoff);
    if (ids.length === 0) return;
    const episodeStarts = this.gapId === null;
    try {
      this.gapId = await deleteVictims(db, ids, drop, this.gapId, now);
    } catch (err) {
      throw this.describe(err);
    }
    this.counters.depth -= drop.count;
    this.counters.bytes -= drop.bytes;
    this.dropped += drop.count;
    this.lastDropAt = now;
    await this.refreshOldest(db);
    if (episodeStarts) {
      this.opts.log.warn(
        { dbPath: this.dbPath, dropped: drop.count, maxBytes: this.opts.maxBytes, maxAgeMs: this.opts.maxAgeMs },
        'outbox limit reached: dropping the oldest messages (recorded as a gap)',
      );
    }
  }

  private async refreshOldest(db: Db): Promise<void> {
    const row = await db.get<{ createdAt: number }>('SELECT created_at AS createdAt FROM outbox ORDER BY id LIMIT 1');
    this.counters.oldestCreatedAt = row?.createdAt ?? 0;
  }

  private describe(err: unknown): Error {
    if (sqliteCode(err) === 'SQLITE_FULL') return new Error(`outbox ${this.dbPath}: disk full (${errorMessage(err)})`, { cause: err });
    return new Error(`outbox ${this.dbPath}: write failed: ${errorMessage(err)}`, { cause: err });
  }

  private requireDb(what: string): Db {
    if (this.db === null) throw new Error(`outbox ${this.dbPath} is not open (${what})`);
    return this.db;
  }
}
