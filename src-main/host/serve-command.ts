// `plantbridge serve`: the backend, headless. Also used by the Electron shell, which adds only windows.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { routeOpcuaLogsTo } from '../adapters/opcua/opcua-log-routing.js';
import { startApp, type RunningApp } from './app.js';
import { applyFlags, type ServeFlags } from './config-flags.js';
import { loadProjectFile } from './config-load.js';
import { createProjectStore } from './project-store.js';
import { createLogger } from './logger.js';
import { mergeUsers, readUserFile, userFilePath } from './user-file.js';
import { PLANTBRIDGE_VERSION } from './version.js';

export type { ServeFlags } from './config-flags.js';

/** The built UI: dist/renderer next to dist/main (this file is dist/main/host/serve-command.js once built). */
export function defaultStaticDir(): string {
  return resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'renderer');
}

export async function startBackend(
  flags: ServeFlags,
  requestRestart?: () => void,
): Promise<{ app: RunningApp; dataDir: string; log: ReturnType<typeof createLogger> }> {
  const dataDir = resolve(flags.dataDir);
  const log = createLogger(dataDir);
  routeOpcuaLogsTo(log);
  const app = await restartableApp(flags, log, requestRestart);
  return { app, dataDir, log };
}

/** Loads the project (again, on a restart) and starts the app with the given logger. */
async function restartableApp(flags: ServeFlags, log: ReturnType<typeof createLogger>, requestRestart?: () => void): Promise<RunningApp> {
  const dataDir = resolve(flags.dataDir);
  // A given --config file is edited in place; without one, engineering edits (connections, tag import) live in
  // <data-dir>/project.json (created on the first edit, loaded on start when present).
  if (flags.config) await loadProjectFile(flags.config);
  const projectStore = createProjectStore({ file: flags.config ? resolve(flags.config) : join(dataDir, 'project.json'), log });
  const configured = applyFlags(projectStore.current(), flags);
  // Users added with `plantbridge users add` live in the data dir, beside the project file's.
  const users = mergeUsers(configured.users, await readUserFile(dataDir), userFilePath(dataDir));
  const project = { ...configured, users };
  return startApp({
    project, dataDir, version: PLANTBRIDGE_VERSION, staticDir: defaultStaticDir(), log, projectStore,
    ...(requestRestart ? { requestRestart } : {}),
  });
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
  const shutdown = waitForShutdownSignal().then(() => 'stop' as const);
  // A remote Reboot (LwM2M Execute /3/0/4, when the project allows it) restarts the service in this process.
  let restart = () => {};
  const nextRestart = () => new Promise<'restart'>((resolve) => (restart = () => resolve('restart')));
  let restartRequested = nextRestart();
  const started = await startBackend(flags, () => restart());
  const { dataDir, log } = started;
  let app = started.app;
  process.stdout.write(describeRunning(app, dataDir));
  while ((await Promise.race([shutdown, restartRequested])) === 'restart') {
    process.stdout.write('PlantBridge: restarting the bridge service (remote request)…\n');
    log.warn('restarting the bridge service on a remote request');
    await app.stop();
    restartRequested = nextRestart();
    app = await restartableApp(flags, log, () => restart());
    process.stdout.write(describeRunning(app, dataDir));
  }
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
