// The command line as a user meets it: clear messages, exit code 2 for usage problems, nothing left running.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { verifyPassword } from '../../src-main/adapters/auth/password-hash.js';
import { freePort } from '../fixtures/mosquitto.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pb-cli-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

function cli(args: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv; until?: RegExp } = {}) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, ['bin/plantbridge.js', ...args], { env: { ...process.env, ...opts.env }, stdio: 'pipe' });
    let out = '';
    let err = '';
    let stopping = false;
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      // One SIGTERM, as a service manager sends it (a second one would force an immediate exit).
      if (!stopping && opts.until?.test(out)) {
        stopping = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdin.end(opts.stdin ?? '');
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out, err });
    });
  });
}

async function isFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function occupy(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

describe('plantbridge command line', () => {
  it('refuses a bad flag value with exit code 2 and says what was expected', async () => {
    const r = await cli(['serve', '--http-port', 'eighty']);
    assert.equal(r.code, 2);
    assert.match(r.err, /--http-port.*expected a port number/s);
  });

  it('refuses an unknown flag with exit code 2', async () => {
    const r = await cli(['serve', '--colour', 'red']);
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown option '--colour'/);
  });

  it('reports every problem of a bad project file with its field path, exit code 2', async () => {
    const file = join(dataDir, 'bad.json');
    writeFileSync(file, JSON.stringify({ http: { port: -1 }, mqtt: { url: 'tcp://x' } }));
    const r = await cli(['serve', '--config', file, '--data-dir', dataDir]);
    assert.equal(r.code, 2);
    assert.match(r.err, /bad\.json is not a valid PlantBridge project/);
    assert.match(r.err, /http\.port: /);
    assert.match(r.err, /mqtt\.url: expected "embedded", "none" or a mqtt:\/\//);
    const check = await cli(['check-config', file]);
    assert.equal(check.code, 2);
  });

  it('stops with exit code 2 when a port is in use, and leaves no other port open', async () => {
    const busy = await occupy();
    const [opcua, sim, broker] = [await freePort(), await freePort(), await freePort()];
    try {
      const r = await cli([
        'serve', '--data-dir', dataDir, '--http-port', String(busy.port), '--opcua-port', String(opcua),
        '--sim-port', String(sim), '--mqtt-port', String(broker),
      ]);
      assert.equal(r.code, 2);
      assert.match(r.err, new RegExp(`HTTP port ${busy.port} on 127.0.0.1 is already in use`));
      for (const port of [opcua, sim, broker]) assert.equal(await isFree(port), true, `port ${port} free again`);
    } finally {
      busy.server.close();
    }
  });

  it('refuses --opcua-insecure beyond loopback, and an API beyond loopback without users', async () => {
    const insecure = await cli(['serve', '--data-dir', dataDir, '--bind', '0.0.0.0', '--opcua-insecure']);
    assert.equal(insecure.code, 2);
    assert.match(insecure.err, /--opcua-insecure is only allowed when the bridge server is bound to loopback/);
    const open = await cli(['serve', '--data-dir', dataDir, '--bind', '0.0.0.0', '--http-port', '0', '--no-simulator', '--mqtt-url', 'none']);
    assert.equal(open.code, 2);
    assert.match(open.err, /without authentication: add users/);
  });

  it('hashes a password for the project file without echoing it', async () => {
    const r = await cli(['hash-password'], { stdin: 'a long secret\n' });
    assert.equal(r.code, 0);
    assert.ok(verifyPassword('a long secret', r.out.trim()));
    assert.doesNotMatch(r.out, /a long secret/);
  });

  it('validates a good project file', async () => {
    const file = join(dataDir, 'good.json');
    writeFileSync(file, JSON.stringify({ mqtt: { url: 'none' }, historian: { retentionDays: 7 } }));
    const r = await cli(['check-config', file]);
    assert.equal(r.code, 0);
    assert.match(r.out, /good\.json: valid/);
  });

  it('falls back to headless with one clear line when Electron is not available', async () => {
    const r = await cli(['start', '--data-dir', dataDir, '--http-port', '0', '--opcua-port', '0', '--sim-port', '0', '--mqtt-url', 'none'], {
      env: { PLANTBRIDGE_HEADLESS: '1' },
      until: /PlantBridge UI: http/,
    });
    assert.match(r.out, /PlantBridge: no desktop window \(PLANTBRIDGE_HEADLESS is set\); running headless/);
    assert.match(r.out, /PlantBridge UI: http:\/\/127\.0\.0\.1:\d+\//);
    assert.equal(r.code, 0, `exit ${r.code} ${r.signal}\nstdout:${r.out}\nstderr:${r.err}`);
  });
});
