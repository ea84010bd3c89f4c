#!/usr/bin/env node
// Builds the backend (tsc → dist/main) and the UI (vite → dist/renderer), each only when its sources changed,
// so `npm start` and `npm run serve` stay quick after the first build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runLocalBin } from './local-bin.mjs';

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
  const r = runLocalBin(bin, args, ['ignore', 2, 'inherit']);
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
  'tsc',
  ['-p', 'tsconfig.build.json'],
);
build(
  'UI',
  [...common, 'vite.config.ts', 'src-renderer', 'src-main/contract'],
  force ? '' : 'dist/renderer/index.html',
  'vite',
  ['build', '--logLevel', 'error'],
);
