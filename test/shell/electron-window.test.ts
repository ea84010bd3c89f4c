// Starts the real desktop app under Xvfb when an Electron binary is present; skipped with the reason otherwise
// (the Electron binary cannot be downloaded on offline machines).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

function electronBinary(): string | null {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const xvfb = spawnSync('which', ['xvfb-run']).status === 0;
const skip = !binary
  ? 'the Electron binary is not installed (it cannot be downloaded on this machine); the headless fallback is tested in test/integration/start-fallback.test.ts'
  : !xvfb
    ? 'xvfb-run is not installed (apt-get install xvfb)'
    : false;
if (skip) console.log(`# skipping the Electron window test: ${skip}`);

describe('the desktop app', { skip }, () => {
  it('starts the backend and prints the UI address', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pb-electron-'));
    const flags = { dataDir, bind: '127.0.0.1', simulator: true, httpPort: 0, opcuaPort: 0, simPort: 0, mqttUrl: 'none' };
    const child = spawn('xvfb-run', ['-a', binary!, '--no-sandbox', '.'], {
      env: { ...process.env, PLANTBRIDGE_FLAGS: JSON.stringify(flags) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no UI address within 60 s:\n${out}`)), 60_000);
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /PlantBridge UI: (\S+)/.exec(out);
          if (m?.[1]) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
      });
      assert.equal((await fetch(new URL('/api/health', url))).status, 200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
