// The request map: the single description of every call the UI (or any API client) can make.
// Each entry names its HTTP route, the zod schema of its arguments (validated at every trust boundary:
// HTTP, WebSocket and Electron IPC) and, through `RequestResults`, the type of its result.
import { z } from 'zod';
import type {
  AlarmDto,
  AlarmKpisDto,
  BrowsePageDto,
  CertificateStoresDto,
  CommandLogEntry,
  ConnectionSettingsDto,
  ConnectionsDto,
  ConnectionTestDto,
  EndpointsDto,
  NodeAttributesDto,
  FlagDto,
  FlagHistoryEntry,
  HealthDto,
  HistorySeries,
  HypercatCatalogue,
  JournalEntry,
  JournalEvent,
  RemoteCommandsDto,
  RunHoursDto,
  TagDto,
  TagImportResultDto,
  TagSample,
  TextFileDto,
  TagValueDto,
  UplinkStatus,
  UplinkTestResult,
  WriteResult,
} from './dto.js';

const MAX_POINTS = 5000;
const tagId = z
  .string()
  .min(1, 'a tag id such as site/area/asset/tag')
  .max(512)
  .regex(/^[^#+\u0000]+$/, 'a tag id without MQTT wildcards');
const epochMs = z.coerce.number().int().nonnegative();
const alarmId = z.string().min(1, 'an alarm id such as site/area/asset/tag#H').max(600);

const journalEvents = [
  'activated', 'acknowledged', 'confirmed', 'returned', 'cleared', 'reset', 'escalated', 'shelved', 'unshelved',
  'suppressed', 'unsuppressed', 'out-of-service', 'in-service', 'limits-changed',
] as const satisfies readonly JournalEvent[];
/** Every JournalEvent is listed above (a compile error here means the list is missing one). */
const _allJournalEvents: Exclude<JournalEvent, (typeof journalEvents)[number]> extends never ? true : never = true;
void _allJournalEvents;
/** `event=activated,acknowledged` (a query string carries each parameter once, so several are comma-separated). */
const journalEventList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s.length > 0))
  .pipe(z.array(z.enum(journalEvents, { message: `one of ${journalEvents.join(', ')}` })).min(1).max(journalEvents.length));
const searchText = z.string().trim().min(1).max(200);
const flagId = z.string().min(1, 'a flag id from /api/flags').max(300);
/** SHA-1 thumbprint of a certificate (or of a CRL's bytes), as `GET /api/certificates` lists it. */
const certThumbprint = z
  .string()
  .regex(/^[0-9a-fA-F]{40}$/, 'a 40-hex-digit SHA-1 thumbprint')
  .transform((t) => t.toLowerCase());
/** Which PKI: `client` (plant servers PlantBridge trusts) or `server` (client applications the bridge server trusts). */
const pkiStore = z.enum(['server', 'client']);
const tagFileFormat = z.enum(['plantbridge', 'csv', 'opcpublisher', 'kepware'], {
  message: 'one of plantbridge, csv, opcpublisher, kepware',
});
/** A flag given as JSON true/false or, in a query string, as "true"/"false". */
const flag = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);
const importName = (what: string) => z.string().trim().min(1).max(200, `${what} of at most 200 characters`);
/** Largest file the tag import reads (a 10,000-tag CSV is about 1.5 MB). */
export const MAX_TAG_FILE_BYTES = 32 * 1024 * 1024;

const connectionId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a connection id of letters, digits, "_" or "-"');
const nodeId = z.string().trim().min(1, 'a node id such as ns=2;s=Boiler or i=85').max(4096);
/** A connection as the API takes it. The project schema checks every field again (with the same messages as in
 * the file); `identity.password` is write-only: it is saved encrypted in the data dir, never in the project file. */
const connectionBody = z.strictObject({
  id: connectionId,
  name: z.string().max(120).optional(),
  endpointUrl: z.string().min(1).max(2048),
  securityMode: z.string().max(32).optional(),
  securityPolicy: z.string().max(64).optional(),
  allowDeprecated: z.boolean().optional(),
  enabled: z.boolean().optional(),
  identity: z
    .strictObject({
      type: z.enum(['anonymous', 'username', 'certificate']),
      username: z.string().max(256).optional(),
      password: z.string().max(1024).optional(),
      passwordEnv: z.string().max(128).optional(),
      certificateFile: z.string().max(4096).optional(),
      privateKeyFile: z.string().max(4096).optional(),
    })
    .optional(),
  timeouts: z.record(z.string(), z.number()).optional(),
  groups: z.array(z.unknown()).max(1000).optional(),
  tags: z.array(z.unknown()).max(100_000).optional(),
  browse: z.unknown().optional(),
});
export type ConnectionBody = z.output<typeof connectionBody>;

export const requestSchemas = {
  health: z.object({}),
  connections: z.object({}),
  listTags: z.object({}),
  snapshot: z.object({}),
  history: z
    .object({
      tag: tagId,
      from: epochMs,
      to: epochMs,
      points: z.coerce.number().int().min(2).max(MAX_POINTS).default(1000),
      mode: z.enum(['avg', 'lttb', 'raw']).default('avg'),
    })
    .refine((q) => q.from < q.to, { message: '`from` must be before `to`', path: ['from'] }),
  listAlarms: z.object({
    state: z
      .enum(['active', 'shelved', 'suppressed', 'out-of-service', 'overridden', 'standing', 'all'])
      .default('active'),
  }),
  ackAlarm: z.object({
    id: z.string().min(1).max(600),
    comment: z.string().max(1000).default(''),
  }),
  alarmJournal: z
    .object({
      from: epochMs.optional(),
      to: epochMs.optional(),
      limit: z.coerce.number().int().min(1).max(10000).default(500),
      /** `csv` answers with a TextFileDto (over HTTP: a text/csv download); json (the default) with entries. */
      format: z.enum(['json', 'csv']).optional(),
      /** Prefixes: `tag=demo-site/utilities/` matches every tag of that area; `alarm=<tag>#` every alarm of a tag. */
      tag: searchText.optional(),
      alarm: searchText.optional(),
      event: journalEventList.optional(),
      user: searchText.optional(),
      /** Case-insensitive text in the comment. */
      text: searchText.optional(),
    })
    .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: '`from` must not be after `to`', path: ['from'] }),
  listFlags: z.object({}),
  writeTag: z.object({
    tag: tagId,
    value: z.union([z.number(), z.boolean(), z.string().max(4096)]),
  }),
  listCertificates: z.object({}),
  trustCertificate: z.object({
    store: z.enum(['server', 'client']),
    thumbprint: z.string().regex(/^[0-9a-fA-F]{40}$/, 'a 40-hex-digit SHA-1 thumbprint'),
  }),
  trustCertificateByThumbprint: z.object({ thumbprint: certThumbprint, store: pkiStore.optional() }),
  rejectCertificate: z.object({ thumbprint: certThumbprint, store: pkiStore.optional() }),
  removeCertificate: z.object({ thumbprint: certThumbprint, store: pkiStore.optional() }),
  importCertificate: z.object({
    store: pkiStore,
    /** `trusted` (a peer certificate or a trusted CA) or `issuers` (a CA used only to build chains). CRLs go to the list's crl/ folder. */
    target: z.enum(['trusted', 'issuers']).default('trusted'),
    /** PEM text (BEGIN CERTIFICATE or BEGIN X509 CRL) or the DER bytes in base64. */
    body: z.string().trim().min(1, 'a PEM certificate or CRL, or its DER bytes in base64').max(48_000),
  }),
  regenerateCertificate: z.object({ store: pkiStore }),
  exportCertificate: z.object({ store: pkiStore, format: z.enum(['pem', 'der']).default('pem') }),
  commandLog: z.object({
    from: epochMs.optional(),
    to: epochMs.optional(),
    limit: z.coerce.number().int().min(1).max(10000).default(500),
  }),
  remoteCommands: z.object({}),
  setRemoteCommand: z.object({ tag: tagId, enabled: z.boolean() }),
  uplinkDrill: z.object({
    id: z.string().regex(/^[a-z0-9-]{1,32}$/, 'an uplink id such as mqtt-json or sparkplug'),
    action: z.enum(['cut', 'restore']),
  }),
  testUplink: z.object({ id: z.string().regex(/^[a-z0-9-]{1,32}$/, 'an uplink id such as mqtt-json or coap') }),
  alarmKpis: z
    .object({
      from: epochMs,
      to: epochMs,
      /** PlantBridge's own system alarms count by default; `exclude` leaves them out. */
      system: z.enum(['include', 'exclude']).default('include'),
    })
    .refine((q) => q.from < q.to, { message: '`from` must be before `to`', path: ['from'] })
    .refine((q) => q.to - q.from <= 366 * 86_400_000, { message: 'at most one year at a time', path: ['to'] }),
  confirmAlarm: z.object({ id: alarmId, comment: z.string().max(1000).default('') }),
  resetAlarm: z.object({ id: alarmId, comment: z.string().max(1000).default('') }),
  shelveAlarm: z
    .object({
      id: alarmId,
      mode: z.enum(['timed', 'one-shot']).default('timed'),
      minutes: z.coerce.number().positive().max(525_600).optional(),
      reason: z.string().trim().min(1, 'a reason (it goes into the alarm journal)').max(1000),
    })
    .refine((a) => a.mode === 'one-shot' || a.minutes !== undefined, {
      message: 'the shelve duration in minutes (required for a timed shelve)',
      path: ['minutes'],
    }),
  unshelveAlarm: z.object({ id: alarmId, comment: z.string().max(1000).default('') }),
  setAlarmOutOfService: z.object({
    id: alarmId,
    outOfService: z.boolean(),
    reason: z.string().trim().min(1, 'a reason (it goes into the alarm journal and the audit)').max(1000),
  }),
  setAlarmLimits: z
    .object({
      id: alarmId,
      limit: z.number().finite().optional(),
      deadband: z.number().finite().nonnegative().optional(),
      priority: z.number().int().min(1).max(4).optional(),
      onDelaySec: z.number().finite().min(0).max(86_400).optional(),
      offDelaySec: z.number().finite().min(0).max(86_400).optional(),
      comment: z.string().max(1000).default(''),
    })
    .refine(
      (a) => [a.limit, a.deadband, a.priority, a.onDelaySec, a.offDelaySec].some((v) => v !== undefined),
      { message: 'at least one of limit, deadband, priority, onDelaySec, offDelaySec', path: ['limit'] },
    ),
  ackFlag: z.object({ id: flagId, comment: z.string().max(1000).default('') }),
  setFlagWorkOrder: z.object({
    id: flagId,
    workOrder: z.string().trim().min(1, 'a work-order id or note').max(500),
  }),
  clearFlag: z.object({ id: flagId, reason: z.string().trim().min(1, 'a reason for clearing the flag').max(1000) }),
  flagHistory: z.object({
    from: epochMs.optional(),
    to: epochMs.optional(),
    limit: z.coerce.number().int().min(1).max(10000).default(500),
  }),
  runHours: z.object({}),
  tagValue: z.object({ tag: tagId }),
  hypercat: z.object({
    href: z.string().max(4096).optional(),
    rel: z.string().max(1024).optional(),
    val: z.string().max(4096).optional(),
    'prefix-href': z.string().max(4096).optional(),
    'prefix-rel': z.string().max(1024).optional(),
    'prefix-val': z.string().max(4096).optional(),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
    limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  }),
  createConnection: connectionBody,
  updateConnection: connectionBody,
  deleteConnection: z.object({ id: connectionId }),
  /** Tests the saved settings of `id`, or the settings in the body (before saving them). */
  testConnection: connectionBody.partial().extend({ id: connectionId }),
  listEndpoints: z.object({
    url: z.string().regex(/^opc\.tcp:\/\/[^\s/]+(:\d+)?(\/.*)?$/, 'an opc.tcp://host:port URL'),
  }),
  browse: z.object({
    connection: connectionId,
    nodeId: nodeId.default('i=85'),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
    limit: z.coerce.number().int().min(1).max(5000).default(1000),
  }),
  browseAttributes: z.object({ connection: connectionId, nodeId }),
  /** The file's text in `content` (over HTTP also as the raw body with Content-Type text/csv). */
  importTags: z.object({
    format: tagFileFormat,
    content: z.string().max(MAX_TAG_FILE_BYTES, 'a file of at most 32 MB'),
    /** Dry run unless true: the answer is the diff either way. */
    apply: flag.default(false),
    /** `replace` also removes the tags of the connections in the file that the file does not list. */
    mode: z.enum(['merge', 'replace']).default('merge'),
    /** The connection for rows that do not name one (CSV without a source column, Kepware). */
    source: importName('a connection id').optional(),
    site: importName('a site').optional(),
    area: importName('an area').optional(),
    /** Kepware: node ids are `ns=2;s=<channel>.<device>.<Tag Name>` (or `nodeIdPrefix` + Tag Name). */
    channel: importName('a channel').optional(),
    device: importName('a device').optional(),
    nodeIdPrefix: importName('a node-id prefix').optional(),
  }),
  exportTags: z.object({
    format: tagFileFormat,
    /** Only this connection's tags (Kepware: required when there are several connections). */
    source: importName('a connection id').optional(),
    channel: importName('a channel').optional(),
    device: importName('a device').optional(),
    nodeIdPrefix: importName('a node-id prefix').optional(),
  }),
} as const;

export type RequestName = keyof typeof requestSchemas;
export type RequestArgs<N extends RequestName> = z.input<(typeof requestSchemas)[N]>;
export type ParsedArgs<N extends RequestName> = z.output<(typeof requestSchemas)[N]>;

export interface RequestResults {
  health: HealthDto;
  connections: ConnectionsDto;
  listTags: TagDto[];
  snapshot: TagSample[];
  history: HistorySeries;
  listAlarms: AlarmDto[];
  ackAlarm: AlarmDto;
  /** Entries, newest first; a TextFileDto (CSV) when `format=csv`. */
  alarmJournal: JournalEntry[] | TextFileDto;
  listFlags: FlagDto[];
  writeTag: WriteResult;
  listCertificates: CertificateStoresDto;
  trustCertificate: CertificateStoresDto;
  trustCertificateByThumbprint: CertificateStoresDto;
  rejectCertificate: CertificateStoresDto;
  removeCertificate: CertificateStoresDto;
  importCertificate: CertificateStoresDto;
  regenerateCertificate: CertificateStoresDto;
  /** A download: PEM text, or DER bytes (base64 in `body`, binary over HTTP). */
  exportCertificate: TextFileDto;
  commandLog: CommandLogEntry[];
  remoteCommands: RemoteCommandsDto;
  setRemoteCommand: RemoteCommandsDto;
  uplinkDrill: UplinkStatus;
  testUplink: UplinkTestResult;
  alarmKpis: AlarmKpisDto;
  confirmAlarm: AlarmDto;
  resetAlarm: AlarmDto;
  shelveAlarm: AlarmDto;
  unshelveAlarm: AlarmDto;
  setAlarmOutOfService: AlarmDto;
  setAlarmLimits: AlarmDto;
  ackFlag: FlagDto;
  setFlagWorkOrder: FlagDto;
  clearFlag: FlagDto;
  flagHistory: FlagHistoryEntry[];
  runHours: RunHoursDto[];
  tagValue: TagValueDto;
  hypercat: HypercatCatalogue;
  createConnection: ConnectionSettingsDto;
  updateConnection: ConnectionSettingsDto;
  deleteConnection: { id: string; deleted: true };
  testConnection: ConnectionTestDto;
  listEndpoints: EndpointsDto;
  browse: BrowsePageDto;
  browseAttributes: NodeAttributesDto;
  importTags: TagImportResultDto;
  exportTags: TextFileDto;
}

export type RequestResult<N extends RequestName> = RequestResults[N];

/** What a request may change: `read` needs any authenticated user, `operate` an operator, `engineer` an engineer. */
export type RequestRole = 'read' | 'operate' | 'engineer';

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path with `{param}` placeholders filled from the arguments. */
  path: string;
  role: RequestRole;
  /** POST only: the largest body accepted (default 64 KB). */
  maxBodyBytes?: number;
  /** POST only: a body that is not JSON (Content-Type text/csv or application/octet-stream) becomes this argument. */
  rawBodyArg?: string;
}

export const routes: { [N in RequestName]: RouteSpec } = {
  health: { method: 'GET', path: '/api/health', role: 'read' },
  connections: { method: 'GET', path: '/api/connections', role: 'read' },
  listTags: { method: 'GET', path: '/api/tags', role: 'read' },
  snapshot: { method: 'GET', path: '/api/snapshot', role: 'read' },
  history: { method: 'GET', path: '/api/history', role: 'read' },
  listAlarms: { method: 'GET', path: '/api/alarms', role: 'read' },
  ackAlarm: { method: 'POST', path: '/api/alarms/{id}/ack', role: 'operate' },
  alarmJournal: { method: 'GET', path: '/api/alarms/journal', role: 'read' },
  listFlags: { method: 'GET', path: '/api/flags', role: 'read' },
  writeTag: { method: 'POST', path: '/api/tags/write', role: 'operate' },
  listCertificates: { method: 'GET', path: '/api/certificates', role: 'read' },
  trustCertificate: { method: 'POST', path: '/api/certificates/trust', role: 'engineer' },
  trustCertificateByThumbprint: { method: 'POST', path: '/api/certificates/{thumbprint}/trust', role: 'engineer' },
  rejectCertificate: { method: 'POST', path: '/api/certificates/{thumbprint}/reject', role: 'engineer' },
  removeCertificate: { method: 'POST', path: '/api/certificates/{thumbprint}/remove', role: 'engineer' },
  importCertificate: { method: 'POST', path: '/api/certificates/import', role: 'engineer' },
  regenerateCertificate: { method: 'POST', path: '/api/certificates/own/{store}/regenerate', role: 'engineer' },
  exportCertificate: { method: 'GET', path: '/api/certificates/own/{store}/export', role: 'read' },
  commandLog: { method: 'GET', path: '/api/commands', role: 'read' },
  remoteCommands: { method: 'GET', path: '/api/commands/remote', role: 'read' },
  setRemoteCommand: { method: 'POST', path: '/api/commands/remote', role: 'engineer' },
  uplinkDrill: { method: 'POST', path: '/api/uplinks/{id}/drill', role: 'engineer' },
  testUplink: { method: 'POST', path: '/api/uplinks/{id}/test', role: 'engineer' },
  alarmKpis: { method: 'GET', path: '/api/alarms/kpis', role: 'read' },
  confirmAlarm: { method: 'POST', path: '/api/alarms/{id}/confirm', role: 'operate' },
  resetAlarm: { method: 'POST', path: '/api/alarms/{id}/reset', role: 'operate' },
  shelveAlarm: { method: 'POST', path: '/api/alarms/{id}/shelve', role: 'operate' },
  unshelveAlarm: { method: 'POST', path: '/api/alarms/{id}/unshelve', role: 'operate' },
  setAlarmOutOfService: { method: 'POST', path: '/api/alarms/{id}/service', role: 'engineer' },
  setAlarmLimits: { method: 'POST', path: '/api/alarms/{id}/limits', role: 'engineer' },
  ackFlag: { method: 'POST', path: '/api/flags/{id}/ack', role: 'operate' },
  setFlagWorkOrder: { method: 'POST', path: '/api/flags/{id}/work-order', role: 'operate' },
  clearFlag: { method: 'POST', path: '/api/flags/{id}/clear', role: 'operate' },
  flagHistory: { method: 'GET', path: '/api/flags/history', role: 'read' },
  runHours: { method: 'GET', path: '/api/maintenance/run-hours', role: 'read' },
  tagValue: { method: 'GET', path: '/api/tags/value', role: 'read' },
  /** Also served at `/cat` (the HyperCat well-known place), with the same authentication. */
  hypercat: { method: 'GET', path: '/api/cat', role: 'read' },
  createConnection: { method: 'POST', path: '/api/connections', role: 'engineer' },
  updateConnection: { method: 'PUT', path: '/api/connections/{id}', role: 'engineer' },
  deleteConnection: { method: 'DELETE', path: '/api/connections/{id}', role: 'engineer' },
  testConnection: { method: 'POST', path: '/api/connections/{id}/test', role: 'engineer' },
  /** Opens a connection to any URL given: engineers only. */
  listEndpoints: { method: 'GET', path: '/api/endpoints', role: 'engineer' },
  browse: { method: 'GET', path: '/api/browse', role: 'read' },
  browseAttributes: { method: 'GET', path: '/api/browse/attributes', role: 'read' },
  importTags: { method: 'POST', path: '/api/tags/import', role: 'engineer', maxBodyBytes: 48 * 1024 * 1024, rawBodyArg: 'content' },
  exportTags: { method: 'GET', path: '/api/tags/export', role: 'read' },
};

export const requestNames = Object.keys(requestSchemas) as RequestName[];

/** A request result that is a file (a CSV export) rather than data. */
export function isTextFile(result: unknown): result is TextFileDto {
  return typeof result === 'object' && result !== null && (result as { kind?: unknown }).kind === 'text-file';
}

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, name);
}

/** Who is asking. The transports fill it in; handlers use it for audit rows. */
export interface Caller {
  user: string;
  roles: RequestRole[];
  via: 'http' | 'ipc' | 'opcua' | 'cli';
}

/** The handler table is written once, against this type, and checked with `satisfies`. */
export type RequestHandlers = {
  [N in RequestName]: (args: ParsedArgs<N>, caller: Caller) => Promise<RequestResult<N>>;
};
