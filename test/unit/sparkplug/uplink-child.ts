// Child process for the Sparkplug will test: starts an edge node, prints "born" after its NBIRTH, waits for kill -9.
//   node --import tsx test/unit/sparkplug/uplink-child.ts <url> <bdSeqFile>
import { plantTags, testUplink } from './sparkplug-test-kit.js';

const [url = '', bdSeqFile = ''] = process.argv.slice(2);
const { uplink } = testUplink(url, { keepaliveSeconds: 5 }, { bdSeqFile });
uplink.setTags(plantTags());
uplink.onStatus((status) => {
  if (status.state === 'connected') process.stdout.write('born\n');
});
await uplink.start();
setInterval(() => undefined, 60_000);
