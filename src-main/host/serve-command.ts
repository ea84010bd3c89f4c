// `plantbridge serve`: the backend, headless. Also used by the Electron shell, which adds only windows.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLoopback } from '../adapters/opcua/server/loopback.js';
import { startApp, type RunningApp } from './app.js';
import { defaultProject, loadProjectFile, UsageError } from './config-load.js';
import type { ProjectConfig } from './config-schema.js';
import { createLogger } from './logger.js';
import { PLANTBRIDGE_VERSION } from './version.js';

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

/** The built UI: dist/renderer next to dist/main (this file is dist/main/host/serve-command.js once built). */
export function defaultStaticDir(): string {
  return resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'renderer');
}

export async function startBackend(flags: ServeFlags): Promise<{ app: RunningApp; dataDir: string; log: ReturnType<typeof createLogger> }> {
  const project = applyFlags(flags.config ? await loadProjectFile(flags.config) : defaultProject(), flags);
  const dataDir = resolve(flags.dataDir);
  const log = createLogger(dataDir);
  const app = await startApp({ project, dataDir, version: PLANTBRIDGE_VERSION, staticDir: defaultStaticDir(), log });
  return { app, dataDir, log };
}

export function describeRunning(app: RunningApp, dataDir: string): string {
  const lines = [
    `PlantBridge ${PLANTBRIDGE_VERSION} is running (data in ${dataDir}). Stop with Ctrl+C.`,
    `PlantBridge UI: ${app.uiUrl}`,
    `  API:               ${app.uiUrl}api/health`,
    `  OPC UA server:     ${app.opcuaEndpoint ?? 'off'}`,
    `  MQTT uplink:       ${app.mqttUrl ?? 'off'}`,
    `  Plant simulator:   ${app.simulatorEndpoint ?? 'off'}`,
  ];
  return `${lines.join('\n')}\n`;
}

export async function runServe(flags: ServeFlags): Promise<void> {
  const { app, dataDir, log } = await startBackend(flags);
  process.stdout.write(describeRunning(app, dataDir));
  await waitForShutdownSignal();
  process.stdout.write('PlantBridge: stopping…\n');
  await app.stop();
  log.flush();
  process.exit(0);
}

export function waitForShutdownSignal(): Promise<void> {
  return new Promise((done) => {
    const finish = () => {
      process.off('SIGINT', finish);
      process.off('SIGTERM', finish);
      done();
    };
    process.on('SIGINT', finish);
    process.on('SIGTERM', finish);
  });
}
