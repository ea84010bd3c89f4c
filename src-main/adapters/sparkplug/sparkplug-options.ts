// Settings of the Sparkplug B edge node uplink.
import type { UplinkStatus } from '../../contract/index.js';
import type { Clock, Log, Outbox, RemoteCommandSink } from '../../services/ports.js';
import { isValidSparkplugId } from '../../domain/sparkplug/index.js';
import { parseBrokerUrl, type MqttTlsFiles } from '../mqtt/mqtt-connect-options.js';
import type { SessionSettings } from './session-client.js';

export interface SparkplugUplinkOptions {
  /** Default `sparkplug`. */
  id?: string;
  url: string;
  username?: string;
  password?: string;
  clientId?: string;
  tls?: MqttTlsFiles;
  groupId: string;
  edgeNodeId: string;
  /** Wait for `spBv1.0/STATE/<primaryHostId>` online before births; NDEATH and reconnect when it goes offline. */
  primaryHostId?: string;
  /** DDATA batching period: all changes of a device within it go in one DDATA. 0 = next event-loop turn. */
  batchMs: number;
  outbox: Outbox;
  /** Backlog replay rate (historical DDATA messages per second) after an outage. */
  drainPerSecond: number;
  /** Where the last bdSeq is persisted across restarts. */
  bdSeqFile: string;
  /** NCMD/DCMD metrics other than Node Control/Rebirth go here. */
  commands: RemoteCommandSink;
  /** The user recorded for commands from the Sparkplug host. */
  commandUser: string;
  /** Shown as the `Properties/Software` node metric. */
  softwareVersion?: string;
  /** Whether the URL points at PlantBridge's embedded broker (status only). */
  embeddedBroker?: boolean;
  /** Pause between connection attempts, default 2,000 ms. */
  reconnectPeriodMs?: number;
  connectTimeoutMs?: number;
  /** MQTT keepalive, default 30 s (the will is delivered within 1.5x of it after a silent death). */
  keepaliveSeconds?: number;
  /** Shortest time between two birth sequences requested by NCMD Rebirth (coalescing), default 1,000 ms. */
  rebirthMinIntervalMs?: number;
  log: Log;
  clock: Clock;
}

export interface SparkplugUplinkStatus extends UplinkStatus {
  sparkplug: {
    groupId: string;
    edgeNodeId: string;
    primaryHostId: string | null;
    hostOnline: boolean;
    bdSeq: number | null;
    seq: number;
    births: number;
    historicalSent: number;
    malformedState: number;
  };
}

/** Checks the ids and the URL: a misconfiguration fails start() with a message naming the setting. */
export function validateSparkplugOptions(opts: SparkplugUplinkOptions): void {
  const ids = [['group id', opts.groupId], ['edge node id', opts.edgeNodeId], ['primary host id', opts.primaryHostId]] as const;
  for (const [what, id] of ids) {
    if (id !== undefined && !isValidSparkplugId(id)) throw new Error(`Sparkplug ${what} "${id}" must be 1-64 characters without / + #`);
  }
  parseBrokerUrl(opts.url);
}

export function sessionSettingsOf(opts: SparkplugUplinkOptions): SessionSettings {
  return {
    url: opts.url,
    clientId: opts.clientId,
    username: opts.username,
    password: opts.password,
    tls: opts.tls,
    groupId: opts.groupId,
    edgeNodeId: opts.edgeNodeId,
    connectTimeoutMs: opts.connectTimeoutMs ?? 10_000,
    keepaliveSeconds: opts.keepaliveSeconds ?? 30,
  };
}
