// Debian mosquitto for the bench. Not test/fixtures/mosquitto.ts: that fixture logs every packet (`log_type all`)
// to a string in the parent, which at 30k+ messages/s costs the broker and the bench real CPU and eventually
// overflows the string. Here mosquitto logs errors only, to a file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort, MOSQUITTO_PATH } from '../../test/fixtures/mosquitto.js';
import { startChild, type Child } from './children.js';

export interface BenchBroker {
  url: string;
  pid: number;
  close(): Promise<void>;
}

export async function startBenchMosquitto(): Promise<BenchBroker> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pb-bench-mosquitto-'));
  const lines = [
    `listener ${port} 127.0.0.1`,
    'allow_anonymous true',
    'persistence false',
    `log_dest file ${join(dir, 'mosquitto.log')}`,
    'log_type error',
    'log_type warning',
    'log_type notice',
    // The default (1000 per client) drops QoS 1 messages for a subscriber that falls behind a burst.
    'max_queued_messages 1000000',
  ];
  // As root mosquitto would switch to the `mosquitto` user, which cannot write our temp dir.
  if (process.getuid?.() === 0) lines.push(`user ${userInfo().username}`);
  const config = join(dir, 'mosquitto.conf');
  writeFileSync(config, `${lines.join('\n')}\n`);
  let child: Child;
  try {
    // -v would log every packet; without it mosquitto prints nothing, so readiness is the open port.
    child = await startChild('mosquitto', ['-c', config], /^/, { cwd: dir, command: MOSQUITTO_PATH, readyPort: port });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    pid: child.pid,
    close: async () => {
      await child.stop(5000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
