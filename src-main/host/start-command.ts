// `npm start` / `plantbridge start`: the desktop window when Electron is available, otherwise headless with
// one clear line saying so. Electron's binary is fetched here on first start rather than by `npm install`
// (package.json allowScripts), so that installing works on an offline plant network.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runServe, type ServeFlags } from './serve-command.js';

const require = createRequire(import.meta.url);

function electronBinary(): string | null {
  try {
    const path: unknown = require('electron');
    return typeof path === 'string' ? path : null;
  } catch {
    return null;
  }
}

/** Path of the Electron binary, fetching it once if the package is installed without it; or why there is none. */
export function findElectron(): { path: string } | { missing: string } {
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const found = electronBinary();
  if (found) return { path: found };
  process.stdout.write('PlantBridge: fetching the Electron binary (first start)…\n');
  const fetched = spawnSync(process.execPath, [join(pkgDir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
  const after = fetched.status === 0 ? electronBinary() : null;
  return after ? { path: after } : { missing: 'the Electron binary could not be downloaded' };
}

export async function runStart(flags: ServeFlags): Promise<void> {
  const electron = process.env.PLANTBRIDGE_HEADLESS ? { missing: 'PLANTBRIDGE_HEADLESS is set' } : findElectron();
  if ('missing' in electron) {
    process.stdout.write(
      `PlantBridge: no desktop window (${electron.missing}); running headless, open the UI URL below in a browser.\n`,
    );
    await runServe(flags);
    return;
  }
  const appRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
  const child = spawn(electron.path, [appRoot], {
    stdio: 'inherit',
    env: { ...process.env, PLANTBRIDGE_FLAGS: JSON.stringify(flags) },
  });
  const code = await new Promise<number>((done) => child.on('exit', (c) => done(c ?? 1)));
  process.exit(code);
}
