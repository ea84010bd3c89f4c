// Status of the connections (plant sources, uplinks with their outboxes, bridge server, historian), health and certificates.

export type SourceState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'failed';

export interface SourceStatus {
  id: string;
  endpointUrl: string;
  securityMode: string;
  securityPolicy: string;
  state: SourceState;
  /** ms epoch when `state` was entered. */
  since: number;
  /** A specific, human-readable reason for the last failure, with the OPC UA status code where there is one. */
  lastError: string | null;
  monitoredItems: number;
  reconnects: number;
}

export type UplinkState = 'disabled' | 'connecting' | 'connected' | 'disconnected' | 'waiting-for-host' | 'cut';

/** The durable store-and-forward of one uplink (a SQLite outbox): what is waiting, how old, how fast it drains. */
export interface OutboxStatus {
  /** Messages stored and not yet acknowledged by the broker. */
  depth: number;
  bytes: number;
  maxBytes: number;
  /** Age of the oldest waiting message (ms), 0 when empty. */
  oldestAgeMs: number;
  /** Messages acknowledged per second over the last few seconds. */
  drainRatePerSec: number;
  /** Messages dropped by the size/age limits since start (each drop is also recorded as a gap). */
  dropped: number;
  /** Messages delivered (acknowledged) since start. */
  delivered: number;
}

export type UplinkKind = 'mqtt-json' | 'sparkplug' | 'coap' | 'onem2m' | 'lwm2m';

export interface UplinkStatus {
  /** Unique per project, e.g. `mqtt-json` or `sparkplug`. */
  id: string;
  kind: UplinkKind;
  url: string | null;
  embeddedBroker: boolean;
  state: UplinkState;
  since: number;
  lastError: string | null;
  /** Messages acknowledged by the broker (PUBACK at QoS 1). */
  published: number;
  /** Messages dropped (queue full while disconnected, or not encodable). */
  failed: number;
  /** Samples of tags not bridged to the uplink. */
  skipped: number;
  /** Messages waiting to be sent or acknowledged. */
  queued: number;
  /** Retransmissions and re-sends after a failure (CoAP, oneM2M); null where the uplink does not count them. */
  retried: number | null;
  topicPrefix: string;
  /** Null for uplinks without durable store-and-forward. */
  outbox: OutboxStatus | null;
  /** Requests or datagrams from the peer refused as bad input (LwM2M); absent where the uplink does not count them. */
  rejected?: number;
}

/** The outcome of an uplink's "test connection": reached the peer or not, and why in plain words. */
export interface UplinkTestResult {
  id: string;
  ok: boolean;
  /** e.g. `CSE answered 2000 OK in 12 ms` or `DTLS handshake failed: wrong pre-shared key?`. */
  message: string;
  durationMs: number;
}

export interface BridgeServerStatus {
  endpointUrl: string;
  securityModes: string[];
  securityPolicies: string[];
  allowAnonymous: boolean;
  sessions: number;
  tags: number;
  rejectedWrites: number;
  acceptedWrites: number;
}

export interface HistorianStatus {
  dbPath: string;
  rowsWritten: number;
  queueDepth: number;
  lastFlushMs: number;
  writeErrors: number;
  /** Samples dropped because the queue was full (the disk could not keep up or failed). */
  droppedSamples: number;
  /** Malformed samples refused (no tag id, bad timestamp, wrong value type). */
  rejectedSamples: number;
  /** Stored samples overwritten by a different value with the same source timestamp (the last one wins, counted). */
  replacedSamples: number;
  lastError: string | null;
  retentionDays: number;
}

export interface HealthDto {
  status: 'ok' | 'degraded';
  version: string;
  startedAt: number;
  now: number;
  sources: SourceStatus[];
  uplinks: UplinkStatus[];
  bridgeServer: BridgeServerStatus | null;
  historian: HistorianStatus;
  counters: {
    changesIn: number;
    batchesIn: number;
    rejectedCommands: number;
  };
}

export interface CertificateDto {
  thumbprint: string;
  subject: string;
  issuer: string;
  applicationUri: string | null;
  notBefore: number;
  notAfter: number;
  file: string;
}

export interface CertificateStoresDto {
  /** The bridge server's trust store: which client applications may connect to PlantBridge. */
  server: { trusted: CertificateDto[]; rejected: CertificateDto[] };
  /** The OPC UA client's trust store: which plant servers PlantBridge trusts. */
  client: { trusted: CertificateDto[]; rejected: CertificateDto[] };
}

export interface ConnectionsDto {
  sources: SourceStatus[];
  uplinks: UplinkStatus[];
  bridgeServer: BridgeServerStatus | null;
  api: { url: string; bind: string; authRequired: boolean };
}
