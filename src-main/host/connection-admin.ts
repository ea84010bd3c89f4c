// Engineering of OPC UA connections: list/create/update/delete in the project file (validated, atomic, audited,
// hot-applied by the source manager), "Test connection", endpoint discovery and the address-space browser.
import type {
  BrowsePageDto,
  ConnectionBody,
  ConnectionSettingsDto,
  ConnectionTestDto,
  EndpointsDto,
  NodeAttributesDto,
  ParsedArgs,
} from '../contract/index.js';
import {
  browseChildren,
  hasSessionAccess,
  listEndpoints,
  readNodeAttributes,
  testConnection,
  type SessionAccess,
} from '../adapters/opcua/client/index.js';
import { explainStatus, statusName } from '../adapters/opcua/status-text.js';
import type { Log, OpcuaSource } from '../services/ports.js';
import { configSchema, type SourceConfig } from './config-schema.js';
import { isDeprecatedPolicy } from './connection-config.js';
import type { ConnectionSecrets } from './connection-secrets.js';
import { ProjectValidationError, type ProjectEditor, type ProjectStore } from './project-store.js';
import { RequestError } from './request-error.js';
import { CLIENT_APPLICATION_NAME } from './simulator-source.js';
import { userIdentity } from './source-setup.js';

export interface ConnectionAdminDeps {
  project: ProjectStore;
  secrets: ConnectionSecrets;
  /** Running sources by id (the project's and the simulator's). */
  sources: Map<string, OpcuaSource>;
  /** Ids taken by sources that are not in the project (the built-in simulator). */
  reservedIds: () => string[];
  clientPki: string;
  log: Log;
}

export type ConnectionAdmin = ReturnType<typeof createConnectionAdmin>;

type TestArgs = ParsedArgs<'testConnection'>;

/** The project-file form of a connection: the body without undefined fields and without the password. */
function entryFrom(body: Partial<ConnectionBody>, base: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(body)) if (v !== undefined) out[k] = v;
  if (body.identity) {
    const { password: _secret, ...identity } = body.identity;
    out.identity = Object.fromEntries(Object.entries(identity).filter(([, v]) => v !== undefined));
    // The older `user` field and `identity` exclude each other: a new identity replaces it.
    delete out.user;
  }
  return out;
}

/** `sources[3].securityPolicy: …` → `securityPolicy: …` for the edited entry; other paths stay as they are. */
function entryErrors(err: ProjectValidationError, index: number): RequestError {
  const prefix = `sources[${index}]`;
  const text = err.issues
    .map((i) => `${i.path.startsWith(`${prefix}.`) ? i.path.slice(prefix.length + 1) : i.path}: ${i.message}`)
    .join('; ');
  return new RequestError(400, text);
}

export function createConnectionAdmin(d: ConnectionAdminDeps) {
  const configured = (): SourceConfig[] => d.project.current().sources;
  const find = (id: string) => configured().find((s) => s.id === id);

  function dto(cfg: SourceConfig): ConnectionSettingsDto {
    const id = cfg.identity;
    let identity: ConnectionSettingsDto['identity'] = { type: 'anonymous' };
    if (id?.type === 'certificate') identity = { type: 'certificate', certificateFile: id.certificateFile, privateKeyFile: id.privateKeyFile };
    else if (id?.type === 'username' || (!id && cfg.user)) {
      const username = id?.type === 'username' ? id.username : (cfg.user?.username ?? '');
      const env = id?.type === 'username' ? (id.passwordEnv ?? null) : (cfg.user?.passwordEnv ?? null);
      const password = env ? 'environment' : d.secrets.password(cfg.id) !== undefined ? 'saved' : 'missing';
      identity = { type: 'username', username, password, passwordEnv: env };
    }
    return {
      id: cfg.id,
      name: cfg.name ?? null,
      endpointUrl: cfg.endpointUrl,
      securityMode: cfg.securityMode,
      securityPolicy: cfg.securityMode === 'None' ? 'None' : cfg.securityPolicy,
      policyDeprecated: isDeprecatedPolicy(cfg.securityPolicy),
      allowDeprecated: cfg.allowDeprecated,
      enabled: cfg.enabled,
      identity,
      timeouts: { ...cfg.timeouts },
      groups: cfg.groups.length,
      tags: cfg.tags.length,
      browseRoot: cfg.browse?.rootNodeId ?? null,
      status: d.sources.get(cfg.id)?.status() ?? null,
    };
  }

  async function save(body: ConnectionBody, who: ProjectEditor, mode: 'create' | 'update'): Promise<ConnectionSettingsDto> {
    const existing = find(body.id);
    if (mode === 'create' && (existing || d.reservedIds().includes(body.id))) throw new RequestError(409, `a connection ${body.id} already exists`);
    if (mode === 'update' && !existing) throw new RequestError(404, `no connection ${body.id}`);
    const index = existing ? configured().indexOf(existing) : configured().length;
    const entry = entryFrom(body, existing ? (structuredClone(existing) as unknown as Record<string, unknown>) : {});
    try {
      await d.project.update(
        (draft) => {
          const sources = [...draft.sources];
          sources[index] = entry as unknown as SourceConfig;
          return { ...draft, sources };
        },
        who,
        `connection ${body.id} ${mode === 'create' ? 'added' : 'changed'}`,
      );
    } catch (err) {
      if (err instanceof ProjectValidationError) throw entryErrors(err, index);
      throw err;
    }
    const saved = find(body.id);
    if (!saved) throw new Error(`connection ${body.id} missing after saving`);
    // The password goes to the encrypted store only; a connection that no longer needs one forgets it.
    if (saved.identity?.type === 'username' && !saved.identity.passwordEnv && body.identity?.password !== undefined) {
      await d.secrets.setPassword(saved.id, body.identity.password);
      // Sources read the password when they are created: restart this one with it.
      await restartWithSecret(saved.id);
    } else if (saved.identity?.type !== 'username' || saved.identity.passwordEnv) {
      await d.secrets.remove(saved.id);
    }
    return dto(saved);
  }

  // A new password alone changes nothing in the project file, so the source manager would not restart the source:
  // the host hands in its restart (sources read the password when they are created).
  let restartSource: (id: string) => Promise<void> = async () => {};
  const restartWithSecret = (id: string) => restartSource(id);

  async function withSession<T>(connection: string, fn: (a: NonNullable<ReturnType<SessionAccess['currentSession']>>) => Promise<T>): Promise<T> {
    const source = d.sources.get(connection);
    if (!source) throw new RequestError(404, `no running connection ${connection}`);
    const access = hasSessionAccess(source) ? source.currentSession() : null;
    if (!access) {
      const s = source.status();
      throw new RequestError(409, `connection ${connection} is not connected (${s.state}${s.lastError ? `: ${s.lastError}` : ''})`);
    }
    try {
      return await fn(access);
    } catch (err) {
      if (err instanceof RequestError) throw err;
      const text = (err as Error).message;
      const code = statusName(text);
      throw new RequestError(code === 'BadNodeIdUnknown' || code === 'BadNodeIdInvalid' || /does not exist/.test(text) ? 404 : 502, `${text}. ${explainStatus(text)}`);
    }
  }

  return {
    setRestart(fn: (id: string) => Promise<void>) {
      restartSource = fn;
    },
    list: (): ConnectionSettingsDto[] => configured().map(dto),
    create: (body: ConnectionBody, who: ProjectEditor) => save(body, who, 'create'),
    update: (body: ConnectionBody, who: ProjectEditor) => save(body, who, 'update'),
    async remove(id: string, who: ProjectEditor): Promise<void> {
      if (!find(id)) throw new RequestError(404, `no connection ${id}`);
      await d.project.update((draft) => ({ ...draft, sources: draft.sources.filter((s) => s.id !== id) }), who, `connection ${id} removed`);
      await d.secrets.remove(id);
    },
    async test(args: TestArgs): Promise<ConnectionTestDto> {
      const saved = find(args.id);
      const { id: _id, ...given } = args;
      if (!saved && given.endpointUrl === undefined) throw new RequestError(404, `no connection ${args.id} (give endpointUrl to test unsaved settings)`);
      const entry = entryFrom({ ...given, id: args.id }, saved ? (structuredClone(saved) as unknown as Record<string, unknown>) : {});
      const parsed = configSchema.safeParse({ sources: [entry] });
      if (!parsed.success) {
        throw new RequestError(400, parsed.error.issues.map((i) => `${i.path.slice(2).map(String).join('.') || 'connection'}: ${i.message}`).join('; '));
      }
      const cfg = parsed.data.sources[0];
      if (!cfg) throw new Error('connection missing after parsing');
      const password = given.identity?.password;
      const user = userIdentity(cfg, d.secrets);
      return testConnection({
        id: cfg.id,
        endpointUrl: cfg.endpointUrl,
        applicationName: CLIENT_APPLICATION_NAME,
        securityMode: cfg.securityMode,
        securityPolicy: cfg.securityPolicy,
        pkiDir: d.clientPki,
        timeouts: cfg.timeouts,
        user: user && 'username' in user && password !== undefined ? { ...user, password } : user,
      });
    },
    async endpoints(url: string): Promise<EndpointsDto> {
      try {
        return await listEndpoints(url);
      } catch (err) {
        const text = (err as Error).message;
        throw new RequestError(502, `Cannot get the endpoints of ${url}: ${text.split('\n')[0]}. ${explainStatus(text)}`);
      }
    },
    browse: (q: ParsedArgs<'browse'>): Promise<BrowsePageDto> =>
      withSession(q.connection, async ({ session, limits }) => {
        const page = await browseChildren(session, q.nodeId, q.offset, q.limit, limits);
        const end = q.offset + page.children.length;
        return { connection: q.connection, nodeId: q.nodeId, total: page.total, offset: q.offset, children: page.children, nextOffset: end < page.total ? end : null };
      }),
    attributes: (q: ParsedArgs<'browseAttributes'>): Promise<NodeAttributesDto> =>
      withSession(q.connection, ({ session, limits }) => readNodeAttributes(session, q.nodeId, limits)),
  };
}
