// Ports: what the services need from the outside world. Adapters implement them; unit tests may fake them.
import type {
  AlarmDto,
  BridgeServerStatus,
  CertificateStoresDto,
  CommandLogEntry,
  FlagDto,
  HistorianStatus,
  HistoryMode,
  HistorySeries,
  JournalEntry,
  JournalEvent,
  OutboxStatus,
  SourceStatus,
  TagBatch,
  TagValue,
  UplinkStatus,
  UplinkTestResult,
} from '../contract/index.js';
import type { AlarmRuntimeSettings } from '../domain/alarm-runtime.js';
import type { TagDef } from '../domain/tags.js';

export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (value: T) => void;

/** Structured logging without tying services to a logging library. */
export interface Log {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

export interface Clock {
  now(): number;
}

/** Result of a write forwarded to a plant server: the OPC UA status code name the source returned. */
export interface SourceWriteResult {
  status: string;
}

/** One connection to a plant OPC UA server (or the built-in simulator). */
export interface OpcuaSource {
  readonly id: string;
  /** Starts connecting. Resolves once the first attempt has been made; connection failures are reported in
   * `status()` and retried in the background, never thrown. */
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): SourceStatus;
  /** Tags configured and discovered (by browsing) on this source, with metadata read from the server. */
  tags(): TagDef[];
  onTags(listener: Listener<TagDef[]>): Disposable;
  onBatch(listener: Listener<TagBatch>): Disposable;
  onStatus(listener: Listener<SourceStatus>): Disposable;
  /** Writes a value that the command gate has already validated and audited. */
  write(tag: TagDef, value: TagValue): Promise<SourceWriteResult>;
  /** Reads the current value (for the audit row's old value). */
  read(tag: TagDef): Promise<TagValue>;
}

export interface HistoryQuery {
  tag: string;
  from: number;
  to: number;
  points: number;
  mode: HistoryMode;
}

export interface JournalQuery {
  from?: number | undefined;
  to?: number | undefined;
  limit: number;
  /** Alarm journal search (ignored by the command audit): tag and alarm id prefixes, events, exact user, comment text. */
  tagPrefix?: string | undefined;
  alarmPrefix?: string | undefined;
  events?: readonly JournalEvent[] | undefined;
  user?: string | undefined;
  /** Case-insensitive substring of the comment. */
  text?: string | undefined;
}

/** One row of the append-only command audit. */
export interface AuditEntry {
  ts: number;
  user: string;
  via: string;
  action: 'write' | 'remote-enable' | 'remote-disable' | 'alarm-limits' | 'alarm-service' | 'project-edit' | CertificateAuditAction;
  tag: string;
  oldValue: TagValue;
  newValue: TagValue;
  /** `requested` before the write; the status code name of the outcome after it (or of the refusal). */
  status: string;
  message: string;
}

/** The local historian: samples, the alarm journal, the command audit and flag history, in one SQLite file. */
export interface HistorianStore {
  open(): Promise<void>;
  close(): Promise<void>;
  /** Queues a batch for writing; never blocks the data path. */
  append(batch: TagBatch): void;
  /** Resolves when everything appended so far is committed. */
  flush(): Promise<void>;
  queryHistory(q: HistoryQuery): Promise<HistorySeries>;
  /** Deletes samples older than the retention; returns how many rows were removed. */
  applyRetention(now: number): Promise<number>;
  status(): HistorianStatus;
  appendJournal(entries: Omit<JournalEntry, 'id'>[]): Promise<void>;
  queryJournal(q: JournalQuery): Promise<JournalEntry[]>;
  appendAudit(entry: AuditEntry): Promise<number>;
  /** The command audit, newest first. */
  queryAudit(q: JournalQuery): Promise<CommandLogEntry[]>;
  saveFlags(flags: FlagDto[]): Promise<void>;
  loadFlags(): Promise<FlagDto[]>;
  /** Saves one alarm's runtime settings (limit edits, shelving, out of service); null deletes them. */
  saveAlarmSettings(alarmId: string, settings: AlarmRuntimeSettings | null, now: number): Promise<void>;
  loadAlarmSettings(): Promise<AlarmSettingsRow[]>;
}

export interface AlarmSettingsRow {
  alarmId: string;
  settings: AlarmRuntimeSettings;
}

/** An M2M uplink (MQTT JSON, Sparkplug B, CoAP, oneM2M, LwM2M). Several can run side by side. */
export interface Uplink {
  /** Unique per project: `mqtt-json`, `sparkplug`, … */
  readonly id: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  setTags(tags: TagDef[]): void;
  /** Takes a batch for publishing; never blocks the data path (durable uplinks store it in their outbox first). */
  publish(batch: TagBatch): void;
  status(): UplinkStatus;
  onStatus(listener: Listener<UplinkStatus>): Disposable;
  /** The store-and-forward drill: `true` cuts the link to the broker on purpose (data is buffered), `false` restores
   * it. Resolves once the link is cut, or the reconnection has started. */
  setCut(cut: boolean): Promise<void>;
  /** "Test connection": one bounded round trip to the peer (never throws; the outcome says why in plain words). */
  test?(): Promise<UplinkTestResult>;
  /** Alarm transitions to publish (retained, one topic per alarm), through the same durable outbox as the values. */
  publishAlarms?(changed: AlarmDto[]): void;
}

/** A record waiting in an outbox. `key` is what the uplink needs to route it (a topic, a Sparkplug device). */
export interface OutboxRecord {
  id: number;
  key: string;
  body: Buffer;
  createdAt: number;
}

/** A gap the size/age limits made: messages dropped, so the receiver can be told the data is missing, not hidden. */
export interface OutboxGap {
  from: number;
  to: number;
  count: number;
}

/**
 * The durable store-and-forward of one uplink: a FIFO in SQLite (synchronous=FULL). A record is stored before it
 * is published and removed only after the broker acknowledged it, so it survives broker outages, stalls, kill -9
 * and power loss.
 */
export interface Outbox {
  open(): Promise<void>;
  close(): Promise<void>;
  /** Resolves once the records are durably committed (appends are grouped into one transaction per tick). */
  append(records: { key: string; body: Buffer; createdAt: number }[]): Promise<void>;
  /** Up to `limit` oldest records with id > `afterId` not already taken; they stay stored until ack() or release().
   * `afterId` lets live data overtake a draining backlog (take after the backlog/live boundary). */
  take(limit: number, afterId?: number): Promise<OutboxRecord[]>;
  /** Highest id stored so far: records appended later have higher ids (the backlog/live boundary). */
  lastId(): number;
  /** Deletes delivered records. */
  ack(ids: number[]): Promise<void>;
  /** Puts taken-but-undelivered records back at the head, in their order (the connection was lost). */
  release(ids: number[]): void;
  status(): OutboxStatus;
  gaps(): Promise<OutboxGap[]>;
}

/** A command from a remote system (JSON command topic, Sparkplug NCMD/DCMD), parsed but not yet trusted. */
export interface RemoteCommand {
  via: 'mqtt-json' | 'sparkplug' | 'onem2m';
  tag: string;
  value: unknown;
  /** When the sender issued it (ms epoch), for the staleness window and replay detection; null if it gave none. */
  ts: number | null;
  /** Who sent it, as far as the transport can tell (JSON: the `user` field; Sparkplug: the configured host user). */
  user: string;
  /** Whether the transport verified the sender's credential (JSON: HMAC; Sparkplug: primary host online). */
  authenticated: boolean;
  /** Sender's id of this command, for replay detection (JSON: `id` field; Sparkplug: topic + ts). */
  commandId: string | null;
}

/** Where uplinks hand remote commands: validated, allow-listed, rate-limited, audited, then written (or refused). */
export interface RemoteCommandSink {
  submit(cmd: RemoteCommand): Promise<{ status: string; message: string }>;
  /** A payload that could not be understood at all: counted and logged; nothing is written. */
  malformed(via: RemoteCommand['via'], reason: string): void;
}

/** Decides on a write coming from any path (UI, API, bridge OPC UA server): validate, audit, forward. */
export type WriteGate = (request: { tag: string; value: TagValue; user: string; via: string }) => Promise<{
  status: string;
  message: string;
}>;

/** PlantBridge's own OPC UA server, mirroring every bridged tag. */
export interface BridgeServer {
  start(): Promise<void>;
  stop(): Promise<void>;
  setTags(tags: TagDef[]): void;
  update(batch: TagBatch): void;
  status(): BridgeServerStatus;
  /** Every alarm (AlarmService.list('all')): conditions are created, kept or removed to match. */
  setAlarms(alarms: AlarmDto[]): void;
  /** Alarm transitions (AlarmService.onChange): the conditions mirror them and raise their events. */
  updateAlarms(changed: AlarmDto[]): void;
}

/**
 * What an OPC UA client may do to an alarm through the bridge server's Alarms & Conditions: the AlarmService's
 * methods (the single source of truth). `confirm` is optional until the alarm engine has it. Both resolve with the
 * alarm after the journal row is written and reject with an error carrying `status` 404/409 when refused.
 */
export interface AlarmActions {
  acknowledge(id: string, comment: string, user: string): Promise<AlarmDto>;
  confirm?(id: string, comment: string, user: string): Promise<AlarmDto>;
}

/** Trust decisions and own-certificate changes of the certificate doctor, each one an audit row. */
export type CertificateAuditAction = 'trust' | 'reject' | 'remove' | 'import' | 'regenerate';

export type PkiSide = 'server' | 'client';

/** The certificate doctor: own certificates, trust lists with reasons, and the trust decisions on them. */
export interface CertificateDoctor {
  list(): Promise<CertificateStoresDto>;
  /** Moves a rejected certificate to trusted/; `store` may be left out when only one store has it. */
  trust(thumbprint: string, store?: PkiSide): Promise<CertificateChange>;
  /** Moves a trusted certificate to rejected/. */
  reject(thumbprint: string, store?: PkiSide): Promise<CertificateChange>;
  /** Deletes a certificate or CRL from trusted/, rejected/ or issuers/. */
  remove(thumbprint: string, store?: PkiSide): Promise<CertificateChange>;
  /** Adds a certificate (PEM text or base64 DER) to trusted/ or issuers/, or a CRL to that list's crl/ folder. */
  import(store: PkiSide, target: 'trusted' | 'issuers', body: string): Promise<CertificateChange>;
  /** A new self-signed own certificate for that side, applied in-process (sources or the bridge server restart). */
  regenerate(store: PkiSide): Promise<CertificateChange>;
  /** The own certificate's bytes (DER). */
  exportOwn(store: PkiSide): Promise<Buffer>;
}

/** What a doctor action did: enough for the audit row. */
export interface CertificateChange {
  store: PkiSide;
  thumbprint: string;
  subject: string;
  /** Where it was and where it is now: `rejected`, `trusted`, `issuers`, `trusted-crl`, `issuers-crl`, `own`, `none`. */
  from: string;
  to: string;
}

/** Certificate trust stores (PKI folders) of the bridge server and of the OPC UA client. */
export interface TrustStores {
  list(): Promise<CertificateStoresDto>;
  trust(store: 'server' | 'client', thumbprint: string): Promise<void>;
}
