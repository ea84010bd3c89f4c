// Historian benchmark: ingest a day of 1 s data for many interleaved tags, then time trend queries of one tag.
// Run: node --import tsx scripts/bench-historian.ts
// env: BENCH_TAGS=100 BENCH_SECONDS=86400 BENCH_QUERIES=50 BENCH_DIR=/tmp/… (kept) BENCH_RETENTION=0 (skip that step)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSqliteHistorian } from '../src-main/adapters/store/index.js';
import type { HistoryMode, TagSample } from '../src-main/contract/index.js';
import type { Log } from '../src-main/services/ports.js';

const tags = Number(process.env.BENCH_TAGS ?? 100);
const seconds = Number(process.env.BENCH_SECONDS ?? 86_400);
const queryRuns = Number(process.env.BENCH_QUERIES ?? 50);
const dir = process.env.BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'pb-bench-'));
const dbPath = join(dir, 'bench.db');
const T0 = Date.UTC(2026, 0, 1);
const quiet: Log = { debug() {}, info() {}, warn() {}, error: (o, m) => console.error(m ?? '', o) };

const tagIds = Array.from({ length: tags }, (_, i) => `bench-site/area-${i % 7}/asset-${i}/pv`);
const open = async () => {
  const s = createSqliteHistorian({ dbPath, retentionDays: 3650, flushIntervalMs: 250, log: quiet, clock: { now: () => Date.now() } });
  await s.open();
  return s;
};
let store = await open();

// Ingest: one batch per second of plant time with every tag, as the OPC UA client delivers it; a flush every
// 10 minutes of plant time keeps the queue below its bound (dropping would make the number meaningless).
const started = performance.now();
for (let s = 0; s < seconds; s++) {
  const batch: TagSample[] = new Array<TagSample>(tags);
  for (let k = 0; k < tags; k++) {
    batch[k] = { tagId: tagIds[k] as string, ts: T0 + s * 1000, value: 50 + 10 * Math.sin(s / 600 + k) + Math.random(), quality: 'good' };
  }
  store.append({ samples: batch });
  if (s % 600 === 599) await store.flush();
}
await store.flush();
const ingestSec = (performance.now() - started) / 1000;
const rows = store.status().rowsWritten;
console.log(`ingest: ${rows.toLocaleString()} rows (${tags} tags × ${seconds} s) in ${ingestSec.toFixed(1)} s → ${Math.round(rows / ingestSec).toLocaleString()} rows/s`);
console.log(`last flush: ${store.status().lastFlushMs.toFixed(1)} ms, write errors: ${store.status().writeErrors}, dropped: ${store.status().droppedSamples}`);
await store.close(); // checkpoints the WAL into the main file
const bytes = statSync(dbPath).size;
console.log(`file: ${(bytes / 1e6).toFixed(1)} MB → ${(bytes / rows).toFixed(1)} bytes per sample`);
store = await open();

async function timeQuery(mode: HistoryMode): Promise<void> {
  const times: number[] = [];
  let points = 0;
  let raw = 0;
  for (let i = 0; i < queryRuns; i++) {
    const tag = tagIds[(i * 37) % tags] as string;
    const t = performance.now();
    const series = await store.queryHistory({ tag, from: T0, to: T0 + seconds * 1000 - 1, points: 1000, mode });
    times.push(performance.now() - t);
    points = series.t.length;
    raw = series.rawCount;
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => (times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] as number).toFixed(1);
  console.log(`query ${mode.padEnd(4)}: ${raw.toLocaleString()} raw → ${points} points, p50 ${pct(50)} ms, p99 ${pct(99)} ms (${queryRuns} runs)`);
}
await timeQuery('avg');
await timeQuery('lttb');
await timeQuery('raw');

if (process.env.BENCH_RETENTION !== '0') {
const retentionStart = performance.now();
const removed = await store.applyRetention(T0 + 3650 * 86_400_000 + (seconds * 1000) / 2);
console.log(`retention of half the data: ${removed.toLocaleString()} rows in ${((performance.now() - retentionStart) / 1000).toFixed(1)} s`);
}

await store.close();
if (!process.env.BENCH_DIR) rmSync(dir, { recursive: true, force: true });
