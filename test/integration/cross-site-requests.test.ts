// A web page on another site, open in the operator's browser, must not reach the API on 127.0.0.1 (where the
// desktop user is trusted without a password): cross-site requests and WebSocket upgrades are refused, while
// PlantBridge's own pages and non-browser clients (curl, scripts) are served.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import type { RequestHandlers } from '../../src-main/contract/index.js';
import { crossSiteRefusal } from '../../src-main/host/cross-site.js';
import { createAuthenticator } from '../../src-main/host/http-auth.js';
import { startHttpServer, type RunningHttpServer } from '../../src-main/host/http-server.js';
import { EventHub } from '../../src-main/services/event-hub.js';
import { LiveStream } from '../../src-main/services/live-stream.js';
import { recordingLog } from '../unit/store/store-fixtures.js';

const writes: unknown[] = [];
const handlers = {
  writeTag: async (args: unknown) => {
    writes.push(args);
    return { tag: 'demo-site/utilities/pump-101/speed-setpoint', status: 'Good', message: 'written' };
  },
} as unknown as RequestHandlers;

describe('cross-site requests to the API', () => {
  let http: RunningHttpServer;
  let staticDir = '';
  before(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'pb-cross-site-'));
    http = await startHttpServer({
      bind: '127.0.0.1', port: 0, handlers, auth: createAuthenticator([], false),
      staticDir, events: new EventHub(), live: new LiveStream(100), log: recordingLog(),
    });
  });
  after(async () => {
    await http.stop();
    await rm(staticDir, { recursive: true, force: true });
  });

  const write = (headers: Record<string, string>) =>
    fetch(`${http.url}api/tags/write`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...headers },
      body: JSON.stringify({ tag: 'demo-site/utilities/pump-101/speed-setpoint', value: 80 }),
    });

  it('refuses a write posted by a page on another site, and writes nothing', async () => {
    const res = await write({ origin: 'https://evil.example' });
    assert.equal(res.status, 403);
    const body = (await res.json()) as { error: { message: string } };
    assert.match(body.error.message, /cross-site request refused \(Origin: https:\/\/evil\.example\)/);
    const fetchMeta = await write({ 'sec-fetch-site': 'cross-site' });
    assert.equal(fetchMeta.status, 403);
    assert.equal(writes.length, 0);
  });

  it('serves its own pages (same origin) and clients that send no Origin', async () => {
    const own = await write({ origin: http.url.replace(/\/$/, ''), 'sec-fetch-site': 'same-origin' });
    assert.equal(own.status, 200);
    const curl = await write({});
    assert.equal(curl.status, 200);
    assert.equal(writes.length, 2);
  });

  it('refuses a cross-site WebSocket and accepts a same-origin one', async () => {
    const wsUrl = `${http.url.replace('http', 'ws')}api/live`;
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(wsUrl, { origin: 'https://evil.example' });
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.on('open', () => {
        resolve(101);
        ws.close();
      });
      ws.on('error', () => undefined);
    });
    assert.equal(refused, 403);
    const accepted = await new Promise<boolean>((resolve) => {
      const ws = new WebSocket(wsUrl, { origin: http.url.replace(/\/$/, '') });
      ws.on('open', () => {
        resolve(true);
        ws.close();
      });
      ws.on('error', () => resolve(false));
    });
    assert.equal(accepted, true);
  });

  it('judges headers without a network: Origin host against Host, Sec-Fetch-Site, opaque origins', () => {
    assert.equal(crossSiteRefusal({ host: '127.0.0.1:8080' }), null);
    assert.equal(crossSiteRefusal({ host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' }), null);
    assert.match(crossSiteRefusal({ host: '127.0.0.1:8080', origin: 'http://127.0.0.1:9999' }) ?? '', /refused/);
    assert.match(crossSiteRefusal({ host: '127.0.0.1:8080', origin: 'null' }) ?? '', /refused/);
    assert.match(crossSiteRefusal({ host: '127.0.0.1:8080', 'sec-fetch-site': 'same-site' }) ?? '', /refused/);
  });
});
