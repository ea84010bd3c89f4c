// Child process for the outbox crash test: appends numbered records as fast as it can and prints the highest
// number whose append() resolved (committed), until it is killed.
//   node --import tsx test/unit/outbox/append-child.ts <dbPath>
import { createSqliteOutbox } from '../../../src-main/adapters/store/outbox/index.js';

const dbPath = process.argv[2] ?? '';
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const outbox = createSqliteOutbox({ dbPath, maxBytes: 1024 ** 3, maxAgeMs: 86_400_000, log: silent, clock: { now: () => Date.now() } });
await outbox.open();
let next = 0;
const pad = 'x'.repeat(80);
for (;;) {
  const calls: Promise<number>[] = [];
  for (let c = 0; c < 8; c++) {
    const from = next;
    next += 250;
    const records = Array.from({ length: 250 }, (_, i) => ({ key: `k/${(from + i) % 7}`, body: Buffer.from(`{"seq":${from + i},"p":"${pad}"}`), createdAt: Date.now() }));
    calls.push(outbox.append(records).then(() => from + 249));
  }
  // Resolved appends are reported in order, so "acked N" means every record up to N is committed.
  for (const call of calls) process.stdout.write(`acked ${await call}\n`);
}
