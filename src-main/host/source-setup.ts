// OPC UA sources from the project (and the built-in simulator), wired into the tag catalog and the tag bus.
import { createOpcuaSource } from '../adapters/opcua/client/index.js';
import type { Clock, Log, OpcuaSource } from '../services/ports.js';
import type { TagBus } from '../services/tag-bus.js';
import type { TagCatalog } from '../services/tag-catalog.js';
import type { SourceConfig } from './config-schema.js';
import { CLIENT_APPLICATION_NAME } from './simulator-source.js';

export interface SourceDeps {
  clientPki: string;
  catalog: TagCatalog;
  bus: TagBus;
  log: Log;
  clock: Clock;
}

export function createSources(configs: SourceConfig[], d: SourceDeps): Map<string, OpcuaSource> {
  const sources = new Map<string, OpcuaSource>();
  for (const cfg of configs) {
    const source = createOpcuaSource({
      id: cfg.id,
      endpointUrl: cfg.endpointUrl,
      securityMode: cfg.securityMode,
      securityPolicy: cfg.securityPolicy,
      // Passwords never live in the project file: they come from the named environment variable.
      ...(cfg.user ? { user: { username: cfg.user.username, password: process.env[cfg.user.passwordEnv] ?? '' } } : {}),
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
    sources.set(cfg.id, source);
  }
  return sources;
}
