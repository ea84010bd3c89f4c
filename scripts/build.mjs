#!/usr/bin/env node
// Builds the backend (tsc → dist/main) and the UI (vite → dist/renderer), each only when its sources changed,
// so `npm start` and `npm run serve` stay quick after the first build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function newestMtime(paths) {
  let newest = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const e of readdirSync(p)) newest = Math.max(newest, newestMtime([join(p, e)]));
    } else newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}

function build(name, sources, stamp, bin, args) {
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= newestMtime(sources)) return;
  process.stderr.write(`building ${name}…\n`);
  // The package's own script under this Node: no npx, no shell, the same on every OS.
  const r = spawnSync(process.execPath, [join(dirname(require.resolve(`${bin.pkg}/package.json`)), bin.path), ...args], { stdio: ['ignore', 2, 'inherit'] });
  if (r.status !== 0) {
    process.stderr.write(`build of ${name} failed\n`);
    process.exit(1);
  }
}

const force = process.argv.includes('--force');
const common = ['package.json', 'tsconfig.base.json'];
build(
  'backend',
  [...common, 'tsconfig.json', 'tsconfig.build.json', 'src-main'],
  force ? '' : 'dist/main.tsbuildinfo',
  { pkg: 'typescript', path: 'bin/tsc' },
  ['-p', 'tsconfig.build.json'],
);
build(
  'UI',
  [...common, 'vite.config.ts', 'src-renderer', 'src-main/contract'],
  force ? '' : 'dist/renderer/index.html',
  { pkg: 'vite', path: 'bin/vite.js' },
  ['build', '--logLevel', 'error'],
);
