// Quick throughput measurement (not a test): 10,000 tags on 100 devices, changes pushed as fast as the uplink
// takes them for a few seconds against mosquitto, DDATA batched at 100 ms, in-memory outbox.
//   node --import tsx test/unit/sparkplug/measure-sparkplug-throughput.ts [seconds]
import type { TagSample } from '../../../src-main/contract/index.js';
import { makeTag } from '../../fixtures/tags.js';
import { startMosquitto } from '../../fixtures/mosquitto.js';
import { testUplink } from './sparkplug-test-kit.js';

const seconds = Number(process.argv[2] ?? 5);
const broker = await startMosquitto();
const tags = Array.from({ length: 10_000 }, (_, i) => makeTag({ id: `site/area${Math.floor(i / 1000)}/asset${Math.floor(i / 100)}/t${i}` }));
const { uplink, outbox } = testUplink(broker.url, { batchMs: 100, drainPerSecond: 5000 });
uplink.setTags(tags);
await uplink.start();
while (uplink.status().state !== 'connected') await new Promise((r) => setTimeout(r, 20));
const cpu0 = process.cpuUsage();
const t0 = Date.now();
let produced = 0;
// 6,000 changes every 100 ms = 60,000/s, as the OPC UA client delivers them (one batch per publishing interval).
while (Date.now() - t0 < seconds * 1000) {
  const now = Date.now();
  const samples: TagSample[] = new Array(6000);
  for (let k = 0; k < 6000; k++) {
    const tag = tags[(produced + k) % tags.length];
    samples[k] = { tagId: tag?.id ?? '', ts: now, value: Math.random() * 100, quality: 'good' };
  }
  produced += 6000;
  uplink.publish({ samples });
  await new Promise((r) => setTimeout(r, Math.max(0, t0 + (produced / 60_000) * 1000 - Date.now())));
}
const elapsed = (Date.now() - t0) / 1000;
while (uplink.status().queued > 0 || outbox.depth > 0) {
  if (Date.now() - t0 > (seconds + 30) * 1000) break;
  await new Promise((r) => setTimeout(r, 50));
}
const drainedAt = (Date.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const s = uplink.status();
console.log(
  JSON.stringify({
    produced,
    offeredPerSec: Math.round(produced / elapsed),
    ddataMessages: s.published,
    deliveredAllAfterS: drainedAt,
    changesPerSecEndToEnd: Math.round(produced / drainedAt),
    cpuPercentOfOneCore: Math.round(((cpu.user + cpu.system) / 1000 / (drainedAt * 1000)) * 100),
    rssMb: Math.round(process.memoryUsage().rss / 1e6),
    outboxLeft: outbox.depth,
  }),
);
await uplink.stop();
await broker.close();
