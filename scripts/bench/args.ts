// Command-line flags of `npm run bench`; a bad flag is a clear one-line error (exit code 2), never a stack trace.
export type UplinkChoice = 'mosquitto' | 'embedded' | 'none';
export type SecurityChoice = 'None' | 'SignAndEncrypt';
/** What the bridge publishes and the bench subscriber decodes: one JSON message per change, or Sparkplug B DDATA. */
export type UplinkKind = 'json' | 'sparkplug';

export interface BenchArgs {
  tags: number;
  seconds: number;
  warmupSeconds: number;
  uplink: UplinkChoice;
  uplinkKind: UplinkKind;
  /** Seconds the broker is stopped after the steady window (0: no outage phase). Needs `--uplink mosquitto`. */
  outageSeconds: number;
  /** The project's `outbox.drainPerSecond`; null leaves the product default. */
  drainPerSecond: number | null;
  security: SecurityChoice;
  samplingMs: number;
  publishingMs: number;
  queueSize: number;
  /** QoS of the bench's own MQTT subscription (the bridge publishes at the project's QoS, 1 by default). */
  subQos: 0 | 1;
  json: string | null;
  /** Run the bridge under `node --cpu-prof` and write the profile here. */
  profileDir: string | null;
  keep: boolean;
  /** The `plantbridge` entry to run (default: this checkout's bin/plantbridge.js), e.g. a build of another commit. */
  plantbridge: string | null;
  /** Attribution runs: the bridge's own OPC UA server (a mirror of every tag) off. */
  bridgeServer: boolean;
}

export const USAGE = `usage: npm run bench -- --tags N [--seconds S] [--warmup S] [--uplink mosquitto|embedded|none]
       [--uplink-kind json|sparkplug] [--outage S] [--drain-per-second N]
       [--security None|SignAndEncrypt] [--sampling MS] [--publishing MS] [--queue-size N] [--sub-qos 0|1]
       [--json FILE] [--profile DIR] [--keep] [--plantbridge PATH/bin/plantbridge.js]
       [--no-bridge-server]`;

export class BenchUsageError extends Error {}

function wholeNumber(flag: string, raw: string | undefined, min: number, max: number): number {
  const n = Number(raw);
  if (raw === undefined || !/^\d+$/.test(raw) || n < min || n > max) {
    throw new BenchUsageError(`${flag}: expected a whole number ${min}..${max} (got ${raw ?? 'nothing'})`);
  }
  return n;
}

function oneOf<T extends string>(flag: string, raw: string | undefined, allowed: readonly T[]): T {
  const hit = allowed.find((a) => a === raw);
  if (hit === undefined) throw new BenchUsageError(`${flag}: expected one of ${allowed.join(', ')} (got ${raw ?? 'nothing'})`);
  return hit;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const a: BenchArgs = {
    tags: 1000, seconds: 30, warmupSeconds: 10, uplink: 'mosquitto', uplinkKind: 'json', outageSeconds: 0, drainPerSecond: null, security: 'None', samplingMs: 100,
    publishingMs: 100, queueSize: 100, subQos: 0, json: null, profileDir: null, keep: false, plantbridge: null, bridgeServer: true,
  };
  let tagsGiven = false;
  let subQosGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string | undefined => argv[++i];
    switch (flag) {
      case '--tags': a.tags = wholeNumber(flag, value(), 1, 100_000); tagsGiven = true; break;
      case '--seconds': a.seconds = wholeNumber(flag, value(), 1, 3600); break;
      case '--warmup': a.warmupSeconds = wholeNumber(flag, value(), 0, 600); break;
      case '--uplink': a.uplink = oneOf(flag, value(), ['mosquitto', 'embedded', 'none'] as const); break;
      case '--uplink-kind': a.uplinkKind = oneOf(flag, value(), ['json', 'sparkplug'] as const); break;
      case '--outage': a.outageSeconds = wholeNumber(flag, value(), 0, 3600); break;
      case '--drain-per-second': a.drainPerSecond = wholeNumber(flag, value(), 10, 1_000_000); break;
      case '--security': a.security = oneOf(flag, value(), ['None', 'SignAndEncrypt'] as const); break;
      case '--sampling': a.samplingMs = wholeNumber(flag, value(), 0, 60_000); break;
      case '--publishing': a.publishingMs = wholeNumber(flag, value(), 10, 60_000); break;
      case '--queue-size': a.queueSize = wholeNumber(flag, value(), 1, 10_000); break;
      case '--sub-qos': a.subQos = oneOf(flag, value(), ['0', '1'] as const) === '1' ? 1 : 0; subQosGiven = true; break;
      case '--json': a.json = value() ?? null; if (a.json === null) throw new BenchUsageError('--json: expected a file name'); break;
      case '--profile': a.profileDir = value() ?? null; if (a.profileDir === null) throw new BenchUsageError('--profile: expected a folder'); break;
      case '--keep': a.keep = true; break;
      case '--no-bridge-server': a.bridgeServer = false; break;
      case '--plantbridge': a.plantbridge = value() ?? null; if (a.plantbridge === null) throw new BenchUsageError('--plantbridge: expected a path'); break;
      case '--help': case '-h': throw new BenchUsageError(USAGE);
      default: throw new BenchUsageError(`unknown flag ${flag}\n${USAGE}`);
    }
  }
  if (!tagsGiven) throw new BenchUsageError(`--tags N is required\n${USAGE}`);
  if (a.uplinkKind === 'sparkplug' && a.uplink === 'none') throw new BenchUsageError('--uplink-kind sparkplug: needs a broker (--uplink mosquitto or embedded)');
  if (a.outageSeconds > 0) {
    // Only a broker the bench owns can be stopped and restarted; the embedded one lives inside the bridge.
    if (a.uplink !== 'mosquitto') throw new BenchUsageError('--outage: needs --uplink mosquitto (the bench stops and restarts its own broker)');
    // The subscriber rides out the outage on a persistent session, which only keeps QoS 1 messages.
    if (subQosGiven && a.subQos === 0) throw new BenchUsageError('--outage: needs --sub-qos 1 (a persistent session keeps QoS 1 messages only)');
    a.subQos = 1;
  }
  return a;
}
