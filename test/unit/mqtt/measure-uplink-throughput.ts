// Measures how many samples/s the MQTT JSON uplink gets acknowledged (QoS 1) by a real broker.
// Not a test (no timing assertions on the shared CI machine). Run:
//   node --import tsx test/unit/mqtt/measure-uplink-throughput.ts [embedded|mosquitto] [samples] [qos]
import { createMqttJsonUplink, startEmbeddedBroker } from '../../../src-main/adapters/mqtt/index.js';
import type { TagSample } from '../../../src-main/contract/index.js';
import { startMosquitto } from '../../fixtures/mosquitto.js';
import { recordingLog, systemClock, tagDef } from './mqtt-test-kit.js';

const kind = process.argv[2] ?? 'embedded';
const total = Number(process.argv[3] ?? 300_000);
const qos = Number(process.argv[4] ?? 1) === 0 ? 0 : 1;
const log = recordingLog();
const broker: { url: string; stop(): Promise<void>; close?(): Promise<void> } =
  kind === 'mosquitto'
    ? await startMosquitto()
    : await startEmbeddedBroker({ host: '127.0.0.1', port: 0, log });
const tags = Array.from({ length: 1000 }, (_, i) => tagDef(`demo-site/area-${i % 10}/asset-${i % 100}/tag-${i}`, 'bar'));
const uplink = createMqttJsonUplink({ url: broker.url, qos, maxQueued: total, log, clock: systemClock });
uplink.setTags(tags);
await uplink.start();
const started = performance.now();
const cpuBefore = process.cpuUsage();
const batchSize = 1000;
for (let sent = 0; sent < total; sent += batchSize) {
  const samples: TagSample[] = [];
  for (let i = 0; i < batchSize; i++) samples.push({ tagId: tags[i % tags.length]!.id, ts: Date.now(), value: Math.random(), quality: 'good' });
  uplink.publish({ samples });
  // One batch per event-loop turn, like a subscription feeding the bus.
  await new Promise((resolve) => setImmediate(resolve));
}
while (uplink.status().published + uplink.status().failed < total) await new Promise((r) => setTimeout(r, 10));
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuPerSample = (cpu.user + cpu.system) / total; // µs, includes the broker when it is embedded
const s = uplink.status();
console.log(`${kind} qos${qos}: ${total} samples in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} samples/s (published ${s.published}, failed ${s.failed}); process CPU ${cpuPerSample.toFixed(1)} µs/sample = ${Math.round(1e6 / cpuPerSample)} samples per CPU-second`);
await uplink.stop();
await (broker.close !== undefined ? broker.close() : broker.stop());
