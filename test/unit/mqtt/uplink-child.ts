// Child process for the MQTT will test: connects an uplink, says "connected" on stdout, then waits to be killed.
//   node --import tsx test/unit/mqtt/uplink-child.ts <url> <prefix>
import { createMqttJsonUplink } from '../../../src-main/adapters/mqtt/index.js';
import { recordingLog, systemClock } from './mqtt-test-kit.js';

const [url = '', topicPrefix = 'plantbridge'] = process.argv.slice(2);
const uplink = createMqttJsonUplink({ url, topicPrefix, log: recordingLog(), clock: systemClock });
uplink.onStatus((status) => {
  if (status.state === 'connected') process.stdout.write('connected\n');
});
await uplink.start();
setInterval(() => undefined, 60_000);
