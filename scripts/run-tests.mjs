#!/usr/bin/env node
// `npm test`: lint, type-check, build, then every test file under test/ with Node's test runner.
// `npm test -- unit integration` runs only those suites (and skips lint/type-check/build with `--fast`).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runLocalBin } from './local-bin.mjs';

const args = process.argv.slice(2);
const fast = args.includes('--fast');
const suites = args.filter((a) => !a.startsWith('--'));
const allSuites = ['unit', 'integration', 'e2e', 'shell'];
const chosen = suites.length > 0 ? suites : allSuites;

function run(name, cmdArgs) {
  console.log(`\n$ ${name} ${cmdArgs.join(' ')}`);
  const r = name === 'node' ? spawnSync(process.execPath, cmdArgs, { stdio: 'inherit' }) : runLocalBin(name, cmdArgs);
  if (r.status !== 0) {
    console.error(`\n${name} ${cmdArgs.join(' ')} failed (exit ${r.status ?? r.signal})`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

function testFiles(dir) {
  let out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries.sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out = out.concat(testFiles(p));
    else if (e.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

if (!fast) {
  run('eslint', ['.']);
  run('tsc', ['-p', 'tsconfig.json', '--noEmit']);
  run('tsc', ['-p', 'src-renderer/tsconfig.json', '--noEmit']);
  run('tsc', ['-p', 'test/unit/renderer/tsconfig.json', '--noEmit']);
  run('node', ['scripts/build.mjs']);
}

const files = chosen.flatMap((s) => testFiles(join('test', s)));
if (files.length === 0) {
  console.error(`no test files under ${chosen.map((s) => `test/${s}`).join(', ')}`);
  process.exit(1);
}
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=180000', ...files],
  { stdio: 'inherit', env: { ...process.env, PLANTBRIDGE_TEST: '1' } },
);
process.exit(r.status ?? 1);
