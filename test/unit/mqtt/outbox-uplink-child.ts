// Child process for the crash test: an MQTT JSON uplink with a SQLite outbox.
//   produce: publishes <ticks> ticks of <tags> counter tags at once (the broker is down), prints "buffered N"
//            once all are committed to the outbox, then waits to be killed.
//   drain:   only starts the uplink on the same outbox file; prints "depth N" every 200 ms.
//   node --import tsx test/unit/mqtt/outbox-uplink-child.ts <mode> <url> <dbPath> <prefix> <tags> <ticks>
import { createMqttJsonUplink } from '../../../src-main/adapters/mqtt/index.js';
import { createSqliteOutbox } from '../../../src-main/adapters/store/outbox/index.js';
import { counterBatch, counterTags } from './store-forward-kit.js';
import { recordingLog, systemClock } from './mqtt-test-kit.js';

const [mode = 'drain', url = '', dbPath = '', prefix = 'plantbridge', tagCount = '200', tickCount = '150'] = process.argv.slice(2);
const log = recordingLog();
const outbox = createSqliteOutbox({ dbPath, maxBytes: 1024 ** 3, maxAgeMs: 7 * 86_400_000, log, clock: systemClock });
await outbox.open();
const uplink = createMqttJsonUplink({ url, topicPrefix: prefix, outbox, drainPerSecond: 20_000, reconnectPeriodMs: 200, log, clock: systemClock });
const tags = counterTags(Number(tagCount));
uplink.setTags(tags);
await uplink.start();
if (mode === 'produce') {
  const total = tags.length * Number(tickCount);
  for (let tick = 0; tick < Number(tickCount); tick++) uplink.publish(counterBatch(tags, tick));
  const timer = setInterval(() => {
    const depth = outbox.status().depth;
    if (depth >= total) {
      clearInterval(timer);
      process.stdout.write(`buffered ${depth}\n`);
    }
  }, 20);
} else {
  setInterval(() => process.stdout.write(`depth ${outbox.status().depth}\n`), 200);
}
setInterval(() => undefined, 60_000);
