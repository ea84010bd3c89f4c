// Data shapes that cross the UI/backend boundary. Plain JSON only: no classes, no Dates, no bigint.

/** Quality of a sample as the operator sees it. `stale` means the source is disconnected: the value is the last known. */
export type Quality = 'good' | 'uncertain' | 'bad' | 'stale';

export type TagValue = number | boolean | string | null;

/** One sample of one tag. `ts` is the source timestamp in ms since the Unix epoch (UTC). */
export interface TagSample {
  tagId: string;
  ts: number;
  value: TagValue;
  quality: Quality;
}

/** Many samples moved together: every consumer of the data path takes batches, never single samples. */
export interface TagBatch {
  samples: TagSample[];
}

export type TagDataType = 'Double' | 'Float' | 'Int32' | 'UInt32' | 'Int16' | 'UInt16' | 'Boolean' | 'String';

export interface EuRange {
  low: number;
  high: number;
}

export interface AlarmLimits {
  HH?: number;
  H?: number;
  L?: number;
  LL?: number;
  /** Hysteresis in engineering units: an alarm returns to normal only once the value is this far inside the limit. */
  deadband: number;
  /** 1 (highest) … 4 (lowest), as ISA-18.2 priorities. */
  priority: number;
}

/** A tag as configured and discovered. `id` is its path `site/area/asset/tag`, also its UNS topic suffix. */
export interface TagDto {
  id: string;
  site: string;
  area: string;
  asset: string;
  name: string;
  sourceId: string;
  nodeId: string;
  dataType: TagDataType;
  unit: string;
  euRange: EuRange | null;
  description: string;
  writable: boolean;
  group: string;
  alarms: AlarmLimits | null;
}

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

export type HistoryMode = 'avg' | 'lttb' | 'raw';

/** Columnar series: charts get plain arrays, never a row object per point. */
export interface HistorySeries {
  tag: string;
  mode: HistoryMode;
  from: number;
  to: number;
  /** Number of stored samples in the range before downsampling. */
  rawCount: number;
  t: number[];
  v: (number | null)[];
  /** Per-bucket minimum and maximum (mode `avg` only), so spikes stay visible after downsampling. */
  min?: (number | null)[];
  max?: (number | null)[];
}

/**
 * Which condition of a tag an alarm watches: the limit levels, `DEV` deviation from a setpoint tag, `ROC` rate of
 * change, `DIG` a digital state or discrepancy, `BAD` bad quality or a stale source, and `SYS` for PlantBridge's own
 * conditions (source disconnected, uplink down, outbox dropping, disk nearly full).
 */
export type AlarmLevel = 'HH' | 'H' | 'L' | 'LL' | 'DEV' | 'ROC' | 'DIG' | 'BAD' | 'SYS';

/** The alarm type (ISA-18.2 / OPC UA Part 9): what kind of condition it evaluates. */
export type AlarmKind = 'limit' | 'deviation' | 'rate' | 'digital' | 'quality' | 'system';

/**
 * ISA-18.2 alarm states. The first four are the process/acknowledge states; `latched` is an alarm that returned to
 * normal but stays annunciated until an operator resets it. `shelved`, `suppressed` (suppressed by design: a
 * condition on another tag) and `out-of-service` are the overrides: while one holds, the alarm is not annunciated,
 * but its process state is still tracked (`active`) and journaled.
 */
export type AlarmState =
  | 'normal'
  | 'unacknowledged'
  | 'acknowledged'
  | 'rtn-unacknowledged'
  | 'latched'
  | 'shelved'
  | 'suppressed'
  | 'out-of-service';

/** Operator shelving: timed (with a reason, capped at the alarm's maximum duration) or one-shot (until it clears). */
export interface AlarmShelving {
  mode: 'timed' | 'one-shot';
  since: number;
  /** When a timed shelve ends (ms epoch); null for one-shot. */
  until: number | null;
  reason: string;
  user: string;
}

export interface AlarmDto {
  id: string;
  tag: string;
  kind: AlarmKind;
  level: AlarmLevel;
  priority: number;
  state: AlarmState;
  /** The process condition holds now (independent of shelving, suppression and acknowledgement). */
  active: boolean;
  acknowledged: boolean;
  /** OPC UA Part 9 ConfirmedState: false after an acknowledge until the operator confirms (when confirm is required). */
  confirmed: boolean;
  activeSince: number | null;
  lastChange: number;
  /** The configured limit (limit, rate and deviation alarms); null for kinds without one. */
  limit: number | null;
  value: TagValue;
  message: string;
  /** When a timed shelve ends; null when not shelved or shelved one-shot. */
  shelvedUntil: number | null;
  shelving: AlarmShelving | null;
  /** The tag whose condition suppresses this alarm by design, while it does; null otherwise. */
  suppressedBy: string | null;
  outOfService: boolean;
}

export type JournalEvent =
  | 'activated'
  | 'acknowledged'
  | 'confirmed'
  | 'returned'
  | 'cleared'
  | 'reset'
  | 'escalated'
  | 'shelved'
  | 'unshelved'
  | 'suppressed'
  | 'unsuppressed'
  | 'out-of-service'
  | 'in-service'
  | 'limits-changed';

export interface JournalEntry {
  id: number;
  ts: number;
  alarmId: string;
  tag: string;
  event: JournalEvent;
  state: AlarmState;
  value: TagValue;
  user: string | null;
  comment: string | null;
}

export type FlagSeverity = 'advisory' | 'warning' | 'critical';

/** Evidence for a flag: enough to redraw the "why" chart without another query. */
export interface FlagEvidence {
  tag: string;
  unit: string;
  baseline: number;
  bandLow: number;
  bandHigh: number;
  current: number;
  slopePerHour: number;
  limit: number;
  changePointTs: number | null;
}

export interface FlagDto {
  id: string;
  asset: string;
  rule: string;
  title: string;
  severity: FlagSeverity;
  state: 'active' | 'cleared';
  tags: string[];
  startedAt: number;
  updatedAt: number;
  /** Estimated time the limit is reached (ms epoch), with an uncertainty range; null when not trending to it. */
  limitEta: number | null;
  limitEtaRange: [number, number] | null;
  explanation: string;
  evidence: FlagEvidence[];
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

export interface WriteResult {
  tag: string;
  /** OPC UA status code name of the outcome, e.g. `Good`, `BadOutOfRange`, `BadNotWritable`. */
  status: string;
  message: string;
}

export interface ConnectionsDto {
  sources: SourceStatus[];
  uplinks: UplinkStatus[];
  bridgeServer: BridgeServerStatus | null;
  api: { url: string; bind: string; authRequired: boolean };
}

/** One row of the append-only command audit: every write or remote command, accepted or refused. */
export interface CommandLogEntry {
  id: number;
  ts: number;
  user: string;
  /** Which path it came in by: http, ipc, opcua, mqtt-json, sparkplug. */
  via: string;
  tag: string;
  oldValue: TagValue;
  newValue: TagValue;
  /** `requested` (written before the write), the source's status code name, or the reason of a refusal. */
  status: string;
  message: string;
}

export interface RemoteCommandSetting {
  tag: string;
  /** On the project's allow-list (`tagSettings.<tag>.remoteWrite`): only these can ever be enabled. */
  allowed: boolean;
  /** Currently accepting remote commands (an engineer can switch this at runtime; audited). */
  enabled: boolean;
}

export interface RemoteCommandsDto {
  enabled: boolean;
  settings: RemoteCommandSetting[];
  counters: { accepted: number; refused: number; malformed: number };
}

/** HyperCat 3.0 (PAS 212) metadata pair: every `val` is a string. */
export interface HypercatRelVal {
  rel: string;
  val: string;
}

export interface HypercatItem {
  href: string;
  'item-metadata': HypercatRelVal[];
}

/** `GET /cat` (alias of `/api/cat`): the HyperCat 3.0 catalogue of every bridged tag. */
export interface HypercatCatalogue {
  'catalogue-metadata': HypercatRelVal[];
  items: HypercatItem[];
}

/** `GET /api/tags/value?tag=`: a tag's current value (the href of its HyperCat item); `sample` null before the first. */
export interface TagValueDto {
  tag: string;
  unit: string;
  sample: TagSample | null;
}
