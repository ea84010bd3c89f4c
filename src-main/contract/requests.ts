// The request map: the single description of every call the UI (or any API client) can make.
// Each entry names its HTTP route, the zod schema of its arguments (validated at every trust boundary:
// HTTP, WebSocket and Electron IPC) and, through `RequestResults`, the type of its result.
import { z } from 'zod';
import type {
  AlarmDto,
  CertificateStoresDto,
  CommandLogEntry,
  ConnectionsDto,
  FlagDto,
  HealthDto,
  HistorySeries,
  HypercatCatalogue,
  JournalEntry,
  RemoteCommandsDto,
  TagDto,
  TagSample,
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
  listAlarms: z.object({ state: z.enum(['active', 'all']).default('active') }),
  ackAlarm: z.object({
    id: z.string().min(1).max(600),
    comment: z.string().max(1000).default(''),
  }),
  alarmJournal: z.object({
    from: epochMs.optional(),
    to: epochMs.optional(),
    limit: z.coerce.number().int().min(1).max(10000).default(500),
  }),
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
  alarmJournal: JournalEntry[];
  listFlags: FlagDto[];
  writeTag: WriteResult;
  listCertificates: CertificateStoresDto;
  trustCertificate: CertificateStoresDto;
  commandLog: CommandLogEntry[];
  remoteCommands: RemoteCommandsDto;
  setRemoteCommand: RemoteCommandsDto;
  uplinkDrill: UplinkStatus;
  testUplink: UplinkTestResult;
  tagValue: TagValueDto;
  hypercat: HypercatCatalogue;
}

export type RequestResult<N extends RequestName> = RequestResults[N];

/** What a request may change: `read` needs any authenticated user, `operate` an operator, `engineer` an engineer. */
export type RequestRole = 'read' | 'operate' | 'engineer';

export interface RouteSpec {
  method: 'GET' | 'POST';
  /** Path with `{param}` placeholders filled from the arguments. */
  path: string;
  role: RequestRole;
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
  commandLog: { method: 'GET', path: '/api/commands', role: 'read' },
  remoteCommands: { method: 'GET', path: '/api/commands/remote', role: 'read' },
  setRemoteCommand: { method: 'POST', path: '/api/commands/remote', role: 'engineer' },
  uplinkDrill: { method: 'POST', path: '/api/uplinks/{id}/drill', role: 'engineer' },
  testUplink: { method: 'POST', path: '/api/uplinks/{id}/test', role: 'engineer' },
  tagValue: { method: 'GET', path: '/api/tags/value', role: 'read' },
  /** Also served at `/cat` (the HyperCat well-known place), with the same authentication. */
  hypercat: { method: 'GET', path: '/api/cat', role: 'read' },
};

export const requestNames = Object.keys(requestSchemas) as RequestName[];

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
