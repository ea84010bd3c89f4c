// `plantbridge users`: accounts are added with a hashed password in the data dir, listed, removed, and used by
// `serve` for the API (HTTP Basic), with the right each role gives.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyPassword } from '../../src-main/adapters/auth/password-hash.js';
import { startServe } from '../fixtures/serve-process.js';

function cli(args: string[], stdin = '') {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, ['bin/plantbridge.js', ...args], { stdio: 'pipe' });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdin.end(stdin);
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

const basic = (user: string, password: string) => ({ Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

describe('plantbridge users', () => {
  let dataDir = '';
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pb-users-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('adds a user with a scrypt hash in a file only the owner can read', async () => {
    const r = await cli(['users', 'add', 'alice', '--role', 'operator', '--password-stdin', '--data-dir', dataDir], 'correct horse\n');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /user alice added \(operator\)/);
    const file = JSON.parse(await readFile(join(dataDir, 'users.json'), 'utf8')) as { users: { username: string; passwordHash: string; roles: string[] }[] };
    const alice = file.users.find((u) => u.username === 'alice');
    assert.ok(alice);
    assert.deepEqual(alice.roles, ['operator']);
    assert.ok(!JSON.stringify(file).includes('correct horse'), 'the plain password is never stored');
    assert.ok(verifyPassword('correct horse', alice.passwordHash));
    assert.equal((await stat(join(dataDir, 'users.json'))).mode & 0o777, 0o600);
  });

  it('refuses a password on the command line, a short password and an unknown role, with exit code 2', async () => {
    const noStdin = await cli(['users', 'add', 'bob', '--role', 'viewer', '--data-dir', dataDir]);
    assert.equal(noStdin.code, 2);
    assert.match(noStdin.err, /--password-stdin is required/);
    const short = await cli(['users', 'add', 'bob', '--role', 'viewer', '--password-stdin', '--data-dir', dataDir], 'short\n');
    assert.equal(short.code, 2);
    assert.match(short.err, /at least 8 characters/);
    const role = await cli(['users', 'add', 'bob', '--role', 'admin', '--password-stdin', '--data-dir', dataDir], 'long enough\n');
    assert.equal(role.code, 2);
    assert.match(role.err, /--role: expected viewer, operator or engineer/);
  });

  it('lists users from the data dir and, with --config, the project file', async () => {
    await cli(['users', 'add', 'erin', '--role', 'engineer', '--password-stdin', '--data-dir', dataDir], 'engineer pass\n');
    const hash = (await cli(['hash-password'], 'viewer pass\n')).out.trim();
    const project = join(dataDir, 'project.json');
    await writeFile(project, JSON.stringify({ users: [{ username: 'victor', passwordHash: hash, roles: ['viewer'] }] }));
    const r = await cli(['users', 'list', '--data-dir', dataDir, '--config', project]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^USER\s+ROLES\s+DEFINED IN/m);
    assert.match(r.out, /^victor\s+viewer\s+.*project\.json$/m);
    assert.match(r.out, /^alice\s+operator\s+.*users\.json$/m);
    assert.match(r.out, /^erin\s+engineer\s+.*users\.json$/m);
  });

  it('serve authenticates data-dir users with the rights of their role', async () => {
    const serve = await startServe({ dataDir });
    try {
      const anonymous = await fetch(new URL('api/health', serve.url));
      assert.equal(anonymous.status, 401, 'with users defined, the API needs credentials');
      const wrong = await fetch(new URL('api/health', serve.url), { headers: basic('alice', 'wrong password') });
      assert.equal(wrong.status, 401);
      const ok = await fetch(new URL('api/health', serve.url), { headers: basic('alice', 'correct horse') });
      assert.equal(ok.status, 200);
      // An operator may not change engineer settings.
      const drill = await fetch(new URL('api/uplinks/mqtt-json/drill', serve.url), {
        method: 'POST',
        headers: { ...basic('alice', 'correct horse'), 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'cut' }),
      });
      assert.equal(drill.status, 403);
    } finally {
      await serve.stop();
    }
  });

  it('removes a user, and refuses to remove one that does not exist', async () => {
    const r = await cli(['users', 'remove', 'alice', '--data-dir', dataDir]);
    assert.equal(r.code, 0, r.err);
    const again = await cli(['users', 'remove', 'alice', '--data-dir', dataDir]);
    assert.equal(again.code, 2);
    assert.match(again.err, /no user alice/);
    const list = await cli(['users', 'list', '--data-dir', dataDir]);
    assert.doesNotMatch(list.out, /alice/);
  });
});
