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
  /** Per-level settings (priority, delays, message) for the HH/H/L/LL limits above; the tag-level value applies otherwise. */
  levels?: { HH?: LimitLevelTuning; H?: LimitLevelTuning; L?: LimitLevelTuning; LL?: LimitLevelTuning };
  /** `DEV`: |value − setpoint| ≥ limit. */
  deviation?: DeviationAlarmConfig;
  /** `ROC`: change per minute over a window. */
  rateOfChange?: RateAlarmConfig;
  /** `DIG`: the tag equals a state, or a command tag and its feedback tag disagree. */
  digital?: DigitalAlarmConfig;
  /** `BAD`: the tag's quality is bad or stale (source lost) for longer than a delay. */
  badQuality?: QualityAlarmConfig;
  /** Suppressed by design while another tag equals a value (process alarms only, not `BAD`). */
  suppressWhen?: AlarmSuppression;
  /** Defaults for every alarm of the tag (seconds; the condition must hold / clear that long). */
  onDelaySec?: number;
  offDelaySec?: number;
  /** Message template with {label} {tag} {level} {value} {limit} {unit} {setpoint}. */
  message?: string;
  /** A returned alarm stays `latched` until an operator resets it. */
  latched?: boolean;
  /** OPC UA Part 9 confirm: after the acknowledge, the alarm waits for a confirm. */
  confirmRequired?: boolean;
  /** Longest timed shelve an operator may set (minutes). */
  maxShelveMinutes?: number;
}

/** Settings any single alarm can override (the tag-level value applies otherwise). */
export interface AlarmTuning {
  priority?: number;
  onDelaySec?: number;
  offDelaySec?: number;
  message?: string;
}

export interface LimitLevelTuning extends AlarmTuning {
  deadband?: number;
}

export interface DeviationAlarmConfig extends AlarmTuning {
  /** The setpoint tag the value is compared with. */
  setpointTag: string;
  /** Largest allowed |value − setpoint|, in engineering units. */
  limit: number;
  deadband?: number;
}

export interface RateAlarmConfig extends AlarmTuning {
  /** Engineering units per minute. */
  perMinute: number;
  /** The window the rate is measured over (seconds). */
  windowSec: number;
  direction: 'rising' | 'falling' | 'both';
  /** Hysteresis in units per minute. */
  deadband?: number;
}

export interface DigitalAlarmConfig extends AlarmTuning {
  /** State alarm: active while the tag equals this value. */
  alarmWhen?: boolean | number | string;
  /** Discrepancy alarm: active while this (command) tag and its feedback tag differ. */
  feedbackTag?: string;
  /** How long the state or discrepancy must hold (seconds). */
  delaySec: number;
}

export interface QualityAlarmConfig extends AlarmTuning {
  delaySec: number;
}

export interface AlarmSuppression {
  tag: string;
  equals: boolean | number | string;
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
  /** The server's per-call limits (MaxMonitoredItemsPerCall, MaxNodesPerRead …) as read at connect; absent: none read. */
  operationLimits?: Record<string, number>;
  /** Per subscription group: what the server granted (revised intervals) and how the items were split into calls. */
  subscriptions?: SubscriptionGroupStatus[];
}

export interface SubscriptionGroupStatus {
  group: string;
  requestedPublishingIntervalMs: number;
  revisedPublishingIntervalMs: number | null;
  requestedSamplingIntervalMs: number;
  /** The sampling intervals the server granted (they differ per item when some nodes cannot sample that fast). */
  revisedSamplingIntervalMs: { min: number; max: number } | null;
  monitoredItems: number;
  refusedItems: number;
  itemsPerCall: number;
  createCalls: number;
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
  /** The alarm's effective settings (configuration plus runtime edits). */
  settings?: AlarmSettingsDto;
  /** Why and by whom the alarm was taken out of service; null while in service. */
  outOfServiceReason?: string | null;
}

export interface AlarmSettingsDto {
  deadband: number;
  onDelaySec: number;
  offDelaySec: number;
  latched: boolean;
  confirmRequired: boolean;
  maxShelveMinutes: number;
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
  /** Which way the limit lies: `high` (default when absent), `low`, or `none` (no limit: `limit` is a reference). */
  limitKind?: 'high' | 'low' | 'none';
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
  /** Acknowledged by a user (the flag stays active until its condition is gone or it is cleared). */
  acknowledged?: boolean;
  ackedBy?: string | null;
  ackedAt?: number | null;
  ackComment?: string | null;
  /** Work-order note or id linked by a user. */
  workOrder?: string | null;
  /** Who cleared it (null or absent: cleared automatically) and why. */
  clearedBy?: string | null;
  clearReason?: string | null;
}

export type FlagHistoryEvent = 'raised' | 'severity' | 'acknowledged' | 'work-order' | 'cleared';

/** One row of the flag history (SQLite): every raise, change of severity, acknowledgement, work order and clear. */
export interface FlagHistoryEntry {
  id: number;
  ts: number;
  flagId: string;
  asset: string;
  rule: string;
  event: FlagHistoryEvent;
  severity: FlagSeverity;
  /** null for the analytics themselves. */
  user: string | null;
  comment: string | null;
}

/** Run hours and starts of one motor-driven asset, from its `running` tag. */
export interface RunHoursDto {
  asset: string;
  runningTag: string;
  running: boolean;
  runHours: number;
  starts: number;
  /** Run hours at the last service (clearing a service-interval flag records a service). */
  runHoursAtService: number;
  serviceIntervalHours: number;
  /** Run hours left until the next service is due (negative: overdue). */
  serviceDueInHours: number;
  startsLastHour: number;
  startsLast24h: number;
  updatedAt: number;
}

export interface CertificateDto {
  thumbprint: string;
  subject: string;
  issuer: string;
  applicationUri: string | null;
  notBefore: number;
  notAfter: number;
  file: string;
  /** Host names and IP addresses in the subjectAltName (filled by the certificate doctor). */
  dns?: string[];
  ip?: string[];
  /** RSA key length in bits. */
  keyLength?: number;
  /** The main reason this certificate is (or would be) refused, with the fix; null when nothing is wrong. */
  reason?: CertificateProblemDto | null;
  /** Every problem found, the main reason first. */
  problems?: CertificateProblemDto[];
  /** The last refusal recorded for it (a check by PlantBridge's certificate manager or a connection error). */
  lastRefusal?: CertificateRefusalDto | null;
}

/** Why a certificate is refused. The kinds of issue 6 §2, plus the few other verdicts a PKI check can give. */
export type CertificateProblemKind =
  | 'untrusted'
  | 'expired'
  | 'not-yet-valid'
  | 'host-name-mismatch'
  | 'uri-mismatch'
  | 'revoked'
  | 'issuer-unknown'
  | 'key-too-short'
  | 'revocation-unknown'
  | 'issuer-expired'
  | 'use-not-allowed'
  | 'invalid';

export interface CertificateProblemDto {
  kind: CertificateProblemKind;
  /** The OPC UA status code behind it, e.g. `BadCertificateUntrusted` (null when found by inspecting the certificate). */
  statusCode: string | null;
  /** What is wrong, in plain words. */
  text: string;
  /** What to do about it. */
  fix: string;
}

export interface CertificateRefusalDto {
  ts: number;
  statusCode: string;
  /** Who refused whom: `local` = PlantBridge refused the peer's certificate, `remote` = a peer refused PlantBridge's. */
  side: 'local' | 'remote';
  /** The endpoint URL involved, when known. */
  peer: string | null;
}

/** A certificate revocation list in a trust store (trusted/crl or issuers/crl). */
export interface CrlDto {
  /** SHA-1 of the CRL's DER bytes: what `removeCertificate` takes to remove it. */
  thumbprint: string;
  issuer: string;
  thisUpdate: number;
  nextUpdate: number | null;
  revokedCount: number;
  list: 'trusted' | 'issuers';
  file: string;
}

/** One side's PKI as the certificate doctor shows it. */
export interface TrustStoreDto {
  trusted: CertificateDto[];
  rejected: CertificateDto[];
  /** Issuer (CA) certificates: used to build chains, not trusted by themselves. */
  issuers?: CertificateDto[];
  crls?: CrlDto[];
  /** The application's own certificate on this side (null before it is first created). */
  own?: CertificateDto | null;
}

export interface CertificateStoresDto {
  /** The bridge server's trust store: which client applications may connect to PlantBridge. */
  server: TrustStoreDto;
  /** The OPC UA client's trust store: which plant servers PlantBridge trusts. */
  client: TrustStoreDto;
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
  /** The connections of the project file with their settings (absent from hosts without a project store). */
  configured?: ConnectionSettingsDto[];
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
  /** What was done: write, remote-enable, alarm-limits, trust, reject, remove, import, regenerate … */
  action?: string;
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

/**
 * A file a request produces (the journal's CSV export). Over HTTP it is sent as a download with its own
 * Content-Type and Content-Disposition; over IPC and WebSocket it arrives as this object for the UI to save.
 */
export interface TextFileDto {
  kind: 'text-file';
  contentType: string;
  filename: string;
  body: string;
  /** `base64`: `body` holds binary bytes in base64 (a DER certificate); HTTP sends the decoded bytes. Default utf8. */
  encoding?: 'utf8' | 'base64';
}

/** How an ISA-18.2 figure compares with its target: `ok` meets it, `warning` is manageable, `over` misses it. */
export type KpiStatus = 'ok' | 'warning' | 'over';

/** One alarm-performance figure next to its ISA-18.2 target, so the page can show "3.2 (target ≤ 1)". */
export interface KpiFigure {
  value: number;
  /** The target in words, e.g. `≈ 1 acceptable, ≤ 2 manageable (ISA-18.2)`. */
  target: string;
  status: KpiStatus;
}

/** A period of more than 10 annunciated alarms in 10 minutes (overlapping 10-minute windows merged). */
export interface AlarmFloodDto {
  start: number;
  end: number;
  /** Activations between start and end. */
  count: number;
  /** The alarms that activated most during the flood (at most 3), as `alarmId`. */
  topAlarms: string[];
}

export interface AlarmFrequencyDto {
  alarmId: string;
  tag: string;
  count: number;
  /** Share of all activations in the range, in percent. */
  share: number;
}

/** An alarm that chattered: at least 3 activations within 60 seconds, at least once in the range. */
export interface ChatteringAlarmDto {
  alarmId: string;
  tag: string;
  /** Separate bursts of ≥ 3 activations within 60 s. */
  episodes: number;
  /** Activations inside those bursts. */
  activations: number;
  /** Shortest time between two activations (ms). */
  shortestGapMs: number;
  /** Median time the alarm stayed active inside the bursts (ms); null when no return was journaled. */
  typicalActiveMs: number | null;
  /** What to do, in plain words, with the numbers: shelve for now, then raise the deadband or add an on-delay. */
  suggestion: string;
}

/** An alarm that has been active for more than 24 hours (as of now, not of the range's end). */
export interface StaleAlarmDto {
  alarmId: string;
  tag: string;
  priority: number;
  state: AlarmState;
  activeSince: number;
  activeForMs: number;
  message: string;
}

/** ISA-18.2 alarm-system performance over a time range, from the alarm journal. */
export interface AlarmKpisDto {
  from: number;
  to: number;
  /** When it was computed (stale alarms are judged against this). */
  now: number;
  /** Operators sharing the alarm load (project setting `alarmKpis.operators`). */
  operators: number;
  /** Whether PlantBridge's own system alarms (`#SYS`) are counted. */
  includeSystem: boolean;
  /** Annunciated alarms: `activated` journal events in the range. */
  totalActivations: number;
  /** Average activations per operator per 10 minutes. */
  averageRate: KpiFigure;
  /** The busiest 10-minute window (starting at an alarm), per operator. */
  peakRate: KpiFigure & { count: number; windowStart: number | null; windowEnd: number | null };
  /** Percent of 10-minute windows (fixed, from `from`) with more than 10 activations. */
  floodPeriods: KpiFigure;
  /** Percent of the range spent in a flood. */
  floodTime: KpiFigure;
  floods: AlarmFloodDto[];
  /** Percent of all activations caused by the 10 most frequent alarms. */
  topTenShare: KpiFigure;
  topAlarms: AlarmFrequencyDto[];
  chatteringCount: KpiFigure;
  chattering: ChatteringAlarmDto[];
  staleCount: KpiFigure;
  stale: StaleAlarmDto[];
  /** True when the range held more journal rows than one KPI run reads: the figures cover the newest part only. */
  truncated: boolean;
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

/** One configured OPC UA connection (`sources[]` of the project file) with its live status. Never a password. */
export interface ConnectionSettingsDto {
  id: string;
  name: string | null;
  endpointUrl: string;
  securityMode: string;
  securityPolicy: string;
  /** Basic128Rsa15 or Basic256: only used because `allowDeprecated` is set. */
  policyDeprecated: boolean;
  allowDeprecated: boolean;
  enabled: boolean;
  identity:
    | { type: 'anonymous' }
    | { type: 'username'; username: string; password: 'environment' | 'saved' | 'missing'; passwordEnv: string | null }
    | { type: 'certificate'; certificateFile: string; privateKeyFile: string };
  timeouts: { connectMs: number; requestMs: number; sessionMs: number; keepAliveMs: number };
  groups: number;
  tags: number;
  browseRoot: string | null;
  /** Null when the connection is disabled (not running). */
  status: SourceStatus | null;
}

/** What "Test connection" learnt from the server (standard Server object nodes, read with the Read service). */
export interface ServerInfoDto {
  applicationUri: string | null;
  buildInfo: {
    productName: string | null;
    productUri: string | null;
    manufacturerName: string | null;
    softwareVersion: string | null;
    buildNumber: string | null;
    buildDate: number | null;
  };
  state: string | null;
  currentTime: number | null;
  namespaces: string[];
  /** Server_ServerCapabilities_OperationLimits_*: name → value (0 means no limit; absent when the server has none). */
  operationLimits: Record<string, number>;
  serverCapabilities: {
    serverProfiles: string[];
    localeIds: string[];
    minSupportedSampleRate: number | null;
    maxBrowseContinuationPoints: number | null;
    maxQueryContinuationPoints: number | null;
    maxHistoryContinuationPoints: number | null;
    maxArrayLength: number | null;
    maxStringLength: number | null;
    maxByteStringLength: number | null;
  };
}

export interface ConnectionTestDto {
  ok: boolean;
  endpointUrl: string;
  securityMode: string;
  securityPolicy: string;
  server: ServerInfoDto | null;
  /** Plain words: what went wrong, the OPC UA status code where there is one, and what to do about it. */
  error: { kind: string; statusCode: string | null; message: string; fix: string } | null;
}

export interface EndpointDto {
  endpointUrl: string;
  securityMode: string;
  securityPolicy: string;
  securityPolicyUri: string;
  deprecated: boolean;
  securityLevel: number;
  transportProfileUri: string;
  userTokens: { policyId: string; tokenType: 'anonymous' | 'username' | 'certificate' | 'issued'; securityPolicy: string | null }[];
  serverCertificate: { subject: string; thumbprint: string; validTo: number | null } | null;
}

export interface EndpointsDto {
  url: string;
  server: { applicationUri: string; productUri: string; applicationName: string };
  endpoints: EndpointDto[];
}

export interface BrowseNodeDto {
  nodeId: string;
  nodeClass: string;
  browseName: string;
  displayName: string;
  /** Data type name of a Variable (or VariableType); null for other node classes. */
  dataType: string | null;
  hasChildren: boolean;
  typeDefinition: string | null;
}

/** One page of a node's children (every continuation point followed with BrowseNext). */
export interface BrowsePageDto {
  connection: string;
  nodeId: string;
  total: number;
  offset: number;
  children: BrowseNodeDto[];
  /** Offset of the next page, null on the last. */
  nextOffset: number | null;
}

export interface NodeAttributesDto {
  nodeId: string;
  nodeClass: string;
  browseName: string;
  displayName: string;
  description: string | null;
  dataType: string | null;
  valueRank: number | null;
  accessLevel: string[];
  userAccessLevel: string[];
  value: unknown;
  statusCode: string | null;
  sourceTimestamp: number | null;
  serverTimestamp: number | null;
  minimumSamplingInterval: number | null;
  historizing: boolean | null;
  euRange: { low: number; high: number } | null;
  engineeringUnits: { displayName: string; description: string; unitId: number; namespaceUri: string } | null;
}

/** The file formats of the tag import/export (`/api/tags/import`, `/api/tags/export`). */
export type TagFileFormat = 'plantbridge' | 'csv' | 'opcpublisher' | 'kepware';

/** One tag of an import's diff: the file row it came from and, for a changed tag, the fields that change. */
export interface TagImportItemDto {
  id: string;
  source: string;
  row?: number;
  fields?: string[];
}

/** A row that blocks the import: row and column are 1-based (CSV: the header is row 1); for JSON formats the
 * column is 0 and `header` is the JSON path of the bad field; row 0 is the file as a whole. */
export interface TagImportErrorDto {
  row: number;
  column: number;
  header: string;
  message: string;
}

/** The answer of an import: the diff (a dry run unless `applied`), every error and what it cost. Lists hold at most
 * the first 1000 entries; `counts` has the totals. Nothing is applied when `errors` is not empty. */
export interface TagImportResultDto {
  format: TagFileFormat;
  mode: 'merge' | 'replace';
  applied: boolean;
  counts: { rows: number; added: number; changed: number; unchanged: number; removed: number; errors: number };
  added: TagImportItemDto[];
  changed: TagImportItemDto[];
  removed: TagImportItemDto[];
  groupsAdded: { source: string; name: string; samplingIntervalMs: number; publishingIntervalMs: number }[];
  connectionsAdded: { id: string; endpointUrl: string; securityMode: 'None' | 'SignAndEncrypt' }[];
  errors: TagImportErrorDto[];
  warnings: string[];
  /** Wall time of each phase on the backend (parse includes row validation). */
  timingsMs: { parse: number; diff: number; validate: number; apply: number; total: number };
  /** The project file the import was written to (when applied). */
  projectFile?: string;
}

/** Progress of a running tag import, pushed as the `tagImport` event. */
export interface TagImportProgressDto {
  phase: 'parse' | 'diff' | 'validate' | 'apply' | 'done';
  done: number;
  total: number;
}
