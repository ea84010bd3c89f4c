// Ports: what the services need from the outside world. Adapters implement them; unit tests may fake them.
import type {
  BridgeServerStatus,
  CertificateStoresDto,
  FlagDto,
  HistorianStatus,
  HistoryMode,
  HistorySeries,
  JournalEntry,
  SourceStatus,
  TagBatch,
  TagValue,
  UplinkStatus,
} from '../contract/index.js';
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
}

/** One row of the append-only command audit. */
export interface AuditEntry {
  ts: number;
  user: string;
  via: string;
  action: 'write';
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
  saveFlags(flags: FlagDto[]): Promise<void>;
  loadFlags(): Promise<FlagDto[]>;
}

/** An M2M uplink (MQTT JSON today; Sparkplug B and others later). */
export interface Uplink {
  start(): Promise<void>;
  stop(): Promise<void>;
  setTags(tags: TagDef[]): void;
  /** Queues a batch for publishing; never blocks the data path. */
  publish(batch: TagBatch): void;
  status(): UplinkStatus;
  onStatus(listener: Listener<UplinkStatus>): Disposable;
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
}

/** Certificate trust stores (PKI folders) of the bridge server and of the OPC UA client. */
export interface TrustStores {
  list(): Promise<CertificateStoresDto>;
  trust(store: 'server' | 'client', thumbprint: string): Promise<void>;
}
