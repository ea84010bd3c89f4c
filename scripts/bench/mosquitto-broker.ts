// Debian mosquitto for the bench. Not test/fixtures/mosquitto.ts: that fixture logs every packet (`log_type all`)
// to a string in the parent, which at 30k+ messages/s costs the broker and the bench real CPU and eventually
// overflows the string. Here mosquitto logs errors only, to a file. For the outage scenario it can be stopped and
// started again on the same port, with persistence on so the bench subscriber's session (and whatever mosquitto
// had accepted but not yet delivered to it) survives the restart.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort, MOSQUITTO_PATH } from '../../test/fixtures/mosquitto.js';
import { startChild, type Child } from './children.js';

export interface BenchBroker {
  url: string;
  /** The current mosquitto process (a restart gives a new one). */
  pid: number;
  /** SIGTERM: mosquitto writes its persistence file and exits; the port stays ours for start(). */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startBenchMosquitto(opts: { persistent?: boolean } = {}): Promise<BenchBroker> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pb-bench-mosquitto-'));
  const lines = [
    `listener ${port} 127.0.0.1`,
    'allow_anonymous true',
    ...(opts.persistent
      ? // Saved on shutdown (and never on a timer during the run, which would stall the broker at high rates).
        ['persistence true', `persistence_location ${dir}/`, 'autosave_interval 0']
      : ['persistence false']),
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
  // -v would log every packet; without it mosquitto prints nothing, so readiness is the open port.
  const spawnBroker = () => startChild('mosquitto', ['-c', config], /^/, { cwd: dir, command: MOSQUITTO_PATH, readyPort: port });
  let child: Child | null;
  try {
    child = await spawnBroker();
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const broker: BenchBroker = {
    url: `mqtt://127.0.0.1:${port}`,
    pid: child.pid,
    stop: async () => {
      const c = child;
      child = null;
      await c?.stop(10_000);
    },
    start: async () => {
      if (child !== null) return;
      child = await spawnBroker();
      broker.pid = child.pid;
    },
    close: async () => {
      await broker.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return broker;
}
