// What the host hands the LwM2M client: the server account, the local policies and the hooks into the bridge.
import type { TagObjectMapping } from '../../domain/lwm2m/ipso-objects.js';
import type { Clock, Log, WriteGate } from '../../services/ports.js';

export interface Lwm2mClientOptions {
  id: string;
  /** coap://host:port of the LwM2M server; null when only bootstrap can provide one. */
  serverUri: string | null;
  /** coap://host:port of the bootstrap server (client-initiated bootstrap), or null. */
  bootstrapUri: string | null;
  /** Endpoint client name; default `plantbridge-<serial>`. */
  endpoint: string | null;
  lifetimeSec: number;
  shortServerId: number;
  /** Local address of the client's UDP socket. */
  bind: string;
  port: number;
  /** Execute /3/0/4 restarts the bridge service only when this is true (else 4.05). */
  allowRemoteReboot: boolean;
  /** Writes of IPSO 5700 reach the command gate only when true (and the tag is writable). */
  allowTagWrites: boolean;
  /** Explicit tag → IPSO object list, or null for the default (by unit, every numeric tag up to maxObjects). */
  objects: TagObjectMapping[] | null;
  maxObjects: number;
  maxObservations: number;
  requestTimeoutMs: number;
  model: string;
  firmwareVersion: string;
  dataDir: string;
  writeGate: WriteGate | null;
  /** Tags of PlantBridge's active system alarms (for /3/0/11 error codes). */
  systemAlarms: () => string[];
  /** Restarts the bridge service in-process (stop and start the app), or null when the host cannot. */
  requestRestart: (() => void) | null;
  log: Log;
  clock: Clock;
}

export interface ServerAccount {
  host: string;
  port: number;
  uri: string;
  shortServerId: number;
  lifetimeSec: number;
}

/** Parses coap://host[:port]; coaps (DTLS) is refused with a reason: the LwM2M client has no DTLS transport. */
export function parseCoapUri(uri: string): { host: string; port: number } | string {
  const m = /^coap:\/\/(\[[0-9a-fA-F:.]+\]|[^\s/:?#]+)(?::(\d{1,5}))?\/?$/.exec(uri);
  if (!m) {
    if (uri.startsWith('coaps://')) return 'coaps:// (DTLS) is not supported yet: use coap:// on a trusted network or a VPN';
    return `"${uri}" is not a coap://host:port URI`;
  }
  const port = m[2] ? Number(m[2]) : 5683;
  if (port < 1 || port > 65535) return `port ${port} is out of range`;
  return { host: (m[1] ?? '').replace(/^\[|\]$/g, ''), port };
}
