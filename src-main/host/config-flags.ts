// Command-line flags of `serve` and `start`, applied over the project file (flags win).
import { isLoopback } from '../adapters/opcua/server/loopback.js';
import { UsageError } from './config-load.js';
import type { ProjectConfig } from './config-schema.js';

export interface ServeFlags {
  config?: string;
  dataDir: string;
  bind: string;
  httpPort?: number;
  opcuaPort?: number;
  mqttUrl?: string;
  mqttPort?: number;
  simulator: boolean;
  simPort?: number;
  simTags?: number;
  opcuaInsecure?: boolean;
  uplink?: string;
}

/** Command-line flags win over the project file. */
export function applyFlags(project: ProjectConfig, flags: ServeFlags): ProjectConfig {
  const p = structuredClone(project);
  p.http.bind = flags.bind;
  if (flags.httpPort !== undefined) p.http.port = flags.httpPort;
  if (flags.opcuaPort !== undefined) p.bridgeServer.port = flags.opcuaPort;
  if (flags.opcuaInsecure) p.bridgeServer.insecure = true;
  if (flags.mqttUrl !== undefined) {
    if (flags.mqttUrl !== 'none' && flags.mqttUrl !== 'embedded' && !/^(mqtt|mqtts|ws|wss):\/\/\S+$/.test(flags.mqttUrl)) {
      throw new UsageError(`--mqtt-url: expected a mqtt://, mqtts://, ws:// or wss:// URL, or none (got "${flags.mqttUrl}")`);
    }
    p.mqtt.url = flags.mqttUrl;
  }
  if (flags.mqttPort !== undefined) p.mqtt.embeddedPort = flags.mqttPort;
  if (flags.uplink !== undefined) {
    if (!['json', 'sparkplug', 'both'].includes(flags.uplink)) {
      throw new UsageError(`--uplink: expected json, sparkplug or both (got "${flags.uplink}")`);
    }
    p.mqtt.json = flags.uplink !== 'sparkplug';
    p.sparkplug.enabled = flags.uplink !== 'json';
  }
  if (!flags.simulator) p.simulator.enabled = false;
  if (flags.simPort !== undefined) p.simulator.port = flags.simPort;
  if (flags.simTags !== undefined) p.simulator.extraTags = flags.simTags;
  if (p.bridgeServer.insecure && !isLoopback(p.http.bind)) {
    throw new UsageError(
      `--opcua-insecure is only allowed when the bridge server is bound to loopback (127.0.0.1 or ::1), not ${p.http.bind}`,
    );
  }
  return p;
}
