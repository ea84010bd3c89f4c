// OPC UA sources from the project (and the built-in simulator), wired into the tag catalog and the tag bus.
import { createOpcuaSource } from '../adapters/opcua/client/index.js';
import type { Clock, Log, OpcuaSource } from '../services/ports.js';
import type { TagBus } from '../services/tag-bus.js';
import type { TagCatalog } from '../services/tag-catalog.js';
import type { UserIdentity } from '../adapters/opcua/client/options.js';
import type { SourceConfig } from './config-schema.js';
import type { ConnectionSecrets } from './connection-secrets.js';
import { CLIENT_APPLICATION_NAME } from './simulator-source.js';

export interface SourceDeps {
  clientPki: string;
  catalog: TagCatalog;
  bus: TagBus;
  log: Log;
  clock: Clock;
  /** Saved connection passwords (absent: only environment variables). */
  secrets?: ConnectionSecrets;
}

export function createSources(configs: SourceConfig[], d: SourceDeps): Map<string, OpcuaSource> {
  const sources = new Map<string, OpcuaSource>();
  for (const cfg of configs) sources.set(cfg.id, createSource(cfg, d));
  return sources;
}

/** Who a source connects as: the `identity` setting, else the older `user` field, else anonymous. */
export function userIdentity(cfg: SourceConfig, secrets: ConnectionSecrets | undefined): UserIdentity | undefined {
  const id = cfg.identity;
  // Passwords never live in the project file: they come from the named environment variable or the secret store.
  if (!id) return cfg.user ? { username: cfg.user.username, password: process.env[cfg.user.passwordEnv] ?? '' } : undefined;
  if (id.type === 'anonymous') return undefined;
  if (id.type === 'certificate') return { certificateFile: id.certificateFile, privateKeyFile: id.privateKeyFile };
  const password = id.passwordEnv ? process.env[id.passwordEnv] : secrets?.password(cfg.id);
  return { username: id.username, password: password ?? '' };
}

/** One source wired into the tag catalog and the tag bus (not started). */
export function createSource(cfg: SourceConfig, d: SourceDeps): OpcuaSource {
  const user = userIdentity(cfg, d.secrets);
  const source = createOpcuaSource({
    id: cfg.id,
    endpointUrl: cfg.endpointUrl,
    securityMode: cfg.securityMode,
    securityPolicy: cfg.securityPolicy,
    ...(user ? { user } : {}),
    timeouts: cfg.timeouts,
    pkiDir: d.clientPki,
    applicationName: CLIENT_APPLICATION_NAME,
    groups: cfg.groups,
    tags: cfg.tags.map((t) => ({ ...t })),
    ...(cfg.browse ? { browse: { ...cfg.browse, writableFromAccessLevel: false } } : {}),
    log: d.log,
    clock: d.clock,
  });
  source.onTags((tags) => d.catalog.setSourceTags(cfg.id, tags));
  source.onBatch((b) => d.bus.publish(b));
  return source;
}
