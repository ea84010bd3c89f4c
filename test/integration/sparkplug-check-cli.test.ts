// `plantbridge sparkplug-check` against the running bridge's own Sparkplug edge node, as an integrator runs it on site.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { HealthDto } from '../../src-main/contract/index.js';
import { mosquittoMissing, startMosquitto, type MosquittoBroker } from '../fixtures/mosquitto.js';
import { startServe, type ServeProcess } from '../fixtures/serve-process.js';

describe('plantbridge sparkplug-check', { skip: mosquittoMissing() ?? false }, () => {
  let broker: MosquittoBroker;
  let serve: ServeProcess;
  before(async () => {
    broker = await startMosquitto();
    serve = await startServe({ extraArgs: ['--mqtt-url', broker.url, '--uplink', 'sparkplug'] });
    for (let i = 0; i < 100; i++) {
      const h = (await (await fetch(new URL('/api/health', serve.url))).json()) as HealthDto;
      if (h.uplinks[0]?.state === 'connected' && h.uplinks[0].published > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  after(async () => {
    await serve?.stop();
    await broker?.close();
  });

  it('verifies our edge node rule by rule and exits 0', async () => {
    const child = spawn(process.execPath, ['bin/plantbridge.js', 'sparkplug-check', '--mqtt-url', broker.url, '--seconds', '6'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0, out);
    assert.match(out, /tck-id|payloads-sequence-num-incrementing/i);
    assert.match(out, /rebirth/i);
    assert.doesNotMatch(out, /\bFAIL\b/);
  });
});
