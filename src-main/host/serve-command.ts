// `plantbridge serve`: the backend, headless. Also used by the Electron shell, which adds only windows.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { routeOpcuaLogsTo } from '../adapters/opcua/opcua-log-routing.js';
import { startApp, type RunningApp } from './app.js';
import { applyFlags, type ServeFlags } from './config-flags.js';
import { defaultProject, loadProjectFile } from './config-load.js';
import { createLogger } from './logger.js';
import { mergeUsers, readUserFile, userFilePath } from './user-file.js';
import { PLANTBRIDGE_VERSION } from './version.js';

export type { ServeFlags } from './config-flags.js';

/** The built UI: dist/renderer next to dist/main (this file is dist/main/host/serve-command.js once built). */
export function defaultStaticDir(): string {
  return resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'renderer');
}

export async function startBackend(flags: ServeFlags): Promise<{ app: RunningApp; dataDir: string; log: ReturnType<typeof createLogger> }> {
  const configured = applyFlags(flags.config ? await loadProjectFile(flags.config) : defaultProject(), flags);
  const dataDir = resolve(flags.dataDir);
  const users = mergeUsers(configured.users, await readUserFile(dataDir), userFilePath(dataDir));
  const project = { ...configured, users };
  const log = createLogger(dataDir);
  routeOpcuaLogsTo(log);
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
  // Listening before anything starts: Ctrl+C during start-up still ends in a clean stop.
  const shutdown = waitForShutdownSignal();
  const { app, dataDir, log } = await startBackend(flags);
  process.stdout.write(describeRunning(app, dataDir));
  await shutdown;
  process.stdout.write('PlantBridge: stopping…\n');
  await app.stop();
  log.flush();
  process.exit(0);
}

/** Resolves on the first SIGINT/SIGTERM; a second one forces an immediate exit. The handlers stay installed:
 * some libraries (signal-exit) re-send a signal to the process when they see no other listener for it. */
export function waitForShutdownSignal(): Promise<void> {
  return new Promise((done) => {
    let received = false;
    const onSignal = () => {
      if (received) {
        process.stderr.write('PlantBridge: second signal, exiting without a clean stop\n');
        process.exit(130);
      }
      received = true;
      done();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
