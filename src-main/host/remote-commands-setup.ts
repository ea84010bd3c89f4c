// The remote command service as the project configures it: users with secrets from the environment, the
// allow-list from `tagSettings.<tag>.remoteWrite`, the runtime switches persisted in the data dir.
import { join } from 'node:path';
import type { Clock, HistorianStore, Log, WriteGate } from '../services/ports.js';
import { createRemoteCommandService, type RemoteCommandService } from '../services/remote-commands.js';
import { UsageError } from './config-load.js';
import type { ProjectConfig } from './config-schema.js';

export function createRemoteCommands(
  project: ProjectConfig,
  d: { dataDir: string; gate: WriteGate; store: HistorianStore; clock: Clock; log: Log },
): RemoteCommandService {
  const rc = project.remoteCommands;
  return createRemoteCommandService({
    enabled: rc.enabled,
    maxAgeMs: rc.maxAgeMs,
    maxPerTagPerSecond: rc.maxPerTagPerSecond,
    users: remoteCommandUsers(project),
    sparkplugUser: rc.sparkplugUser,
    onem2mUser: project.onem2m.commands.user,
    allowList: Object.entries(project.tagSettings)
      .filter(([, t]) => t.remoteWrite === true)
      .map(([id]) => id),
    statePath: join(d.dataDir, 'remote-commands.json'),
    gate: d.gate,
    store: d.store,
    clock: d.clock,
    log: d.log,
  });
}

/** Remote command users with their secrets, read from the environment: a missing secret is a usage error. */
function remoteCommandUsers(project: ProjectConfig) {
  return project.remoteCommands.users.map((u, i) => {
    const secret = process.env[u.secretEnv];
    if (!secret) {
      throw new UsageError(`remoteCommands.users[${i}].secretEnv: the environment variable ${u.secretEnv} is not set`);
    }
    return { name: u.name, secret, role: u.role };
  });
}
