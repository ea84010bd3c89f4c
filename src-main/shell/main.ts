// Electron main process: starts the backend (the same one `plantbridge serve` runs) and opens windows.
// Everything else lives in host/; this file only adds what a desktop window needs.
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningApp } from '../host/app.js';
import { CLI_COMMANDS, main as runCli } from '../host/cli.js';
import { describeRunning, startBackend, type ServeFlags } from '../host/serve-command.js';
import { registerIpc } from './ipc-bridge.js';
import { APP_INDEX_URL, APP_SCHEME_PRIVILEGES, isAppUrl, registerAppProtocol } from './app-protocol.js';
import { secureWindowOptions } from './window-options.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '..', '..', 'renderer');
const windows = new Set<BrowserWindow>();

function flagsFromLauncher(): ServeFlags {
  const given = JSON.parse(process.env.PLANTBRIDGE_FLAGS ?? '{}') as Partial<ServeFlags>;
  // Headless keeps data in ./data; the desktop app keeps it in the OS app-data folder unless told otherwise.
  const dataDir = given.dataDir && given.dataDir !== './data' ? given.dataDir : join(app.getPath('userData'), 'data');
  return { bind: '127.0.0.1', simulator: true, ...given, dataDir };
}

function openWindow(): void {
  const win = new BrowserWindow(secureWindowOptions(join(here, 'preload.cjs')));
  windows.add(win);
  win.on('closed', () => windows.delete(win));
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  void win.loadURL(APP_INDEX_URL);
}

/** `PlantBridge serve …`, `PlantBridge simulate …`: the installed app is also the command line. */
function cliCommand(): string | null {
  const args = process.argv.slice(app.isPackaged ? 1 : 2);
  const first = args.find((a) => !a.startsWith('-')) ?? null;
  return first && first !== 'start' && CLI_COMMANDS.includes(first) ? first : null;
}

async function main(): Promise<void> {
  if (cliCommand()) {
    await runCli(process.argv, 'electron');
    return;
  }
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, allow) => allow(false));
  registerAppProtocol(protocol, rendererDir);

  let backend: RunningApp;
  try {
    const started = await startBackend(flagsFromLauncher());
    backend = started.app;
    process.stdout.write(describeRunning(backend, started.dataDir));
  } catch (err) {
    dialog.showErrorBox('PlantBridge cannot start', (err as Error).message);
    app.exit(2);
    return;
  }
  const trusted = (wc: WebContents) => isAppUrl(wc.getURL());
  registerIpc(ipcMain, backend, trusted);
  openWindow();
  app.on('second-instance', () => [...windows][0]?.focus());
  app.on('activate', () => windows.size === 0 && openWindow());
  let stopping = false;
  app.on('window-all-closed', () => {
    if (stopping) return;
    stopping = true;
    void backend.stop().finally(() => app.quit());
  });
}

void main();
