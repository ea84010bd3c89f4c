// Runs a dev tool from node_modules with this Node: no npx, no shell, the same on every OS.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

const BINS = {
  tsc: ['typescript', 'bin/tsc'],
  vite: ['vite', 'bin/vite.js'],
  eslint: ['eslint', 'bin/eslint.js'],
};

export function runLocalBin(name, args, stdio = 'inherit') {
  const [pkg, path] = BINS[name];
  const script = join(dirname(require.resolve(`${pkg}/package.json`)), path);
  return spawnSync(process.execPath, [script, ...args], { stdio });
}
