// Measures the SQLite outbox: sustained append rate (~100-byte bodies, many concurrent callers, grouped commits)
// and the take+ack drain rate.   node --import tsx scripts/bench-outbox.ts [records]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSqliteOutbox } from '../src-main/adapters/store/outbox/index.js';

const total = Number(process.argv[2] ?? 600_000);
const perCall = 200; // one publish() batch of the uplink
const dir = mkdtempSync(join(tmpdir(), 'pb-bench-outbox-'));
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const outbox = createSqliteOutbox({
  dbPath: join(dir, 'outbox.db'),
  maxBytes: 4 * 1024 ** 3,
  maxAgeMs: 86_400_000,
  log: silent,
  clock: { now: () => Date.now() },
});
await outbox.open();
const body = Buffer.from(JSON.stringify({ value: 1234.5678, ts: new Date().toISOString(), quality: 'good', unit: 'm3/h' }).padEnd(100, ' '));
const key = 'plantbridge/demo-site/utilities/pump-101/flow';

// Callers that keep at most 64 appends outstanding, as a busy data path would.
let started = performance.now();
const pending = new Set<Promise<void>>();
for (let n = 0; n < total; n += perCall) {
  const records = Array.from({ length: perCall }, (_, i) => ({ key, body, createdAt: Date.now() + n + i }));
  const p = outbox.append(records).finally(() => pending.delete(p));
  pending.add(p);
  if (pending.size >= 64) await Promise.race(pending);
}
await Promise.all(pending);
const appendSecs = (performance.now() - started) / 1000;
console.log(`append: ${total} records in ${appendSecs.toFixed(2)} s = ${Math.round(total / appendSecs)} records/s`);

started = performance.now();
let drained = 0;
for (;;) {
  const batch = await outbox.take(1000);
  if (batch.length === 0) break;
  await outbox.ack(batch.map((r) => r.id));
  drained += batch.length;
}
const drainSecs = (performance.now() - started) / 1000;
console.log(`take+ack: ${drained} records in ${drainSecs.toFixed(2)} s = ${Math.round(drained / drainSecs)} records/s`);
console.log(JSON.stringify(outbox.status()));
await outbox.close();
rmSync(dir, { recursive: true, force: true });
