// The whole bridge with CoAP: `plantbridge serve` on the built-in simulator, its CoAP uplink PUTting to libcoap's
// coap-server and its local CoAP server answering libcoap's coap-client; the uplink's status and "test connection"
// through the HTTP API. Needs `node scripts/build.mjs` (dist/).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConnectionsDto, HypercatCatalogue, UplinkTestResult } from '../../src-main/contract/index.js';
import { LibcoapServer, coapClient, freeUdpPortPair } from '../fixtures/coap-server.js';
import { startServe, type ServeProcess } from '../fixtures/serve-process.js';
import { waitFor } from '../fixtures/wait-for.js';
import { parseBody } from '../unit/coap/coap-uplink-kit.js';

describe('PlantBridge with the CoAP uplink and the local CoAP server', () => {
  let peer: LibcoapServer;
  let app: ServeProcess;
  let serverPort = 0;
  before(async () => {
    peer = new LibcoapServer();
    await peer.start();
    serverPort = await freeUdpPortPair();
    app = await startServe({
      project: { coap: { uplink: { url: `${peer.coapUrl}/site1` }, server: { enabled: true, port: serverPort } } },
    });
  });
  after(async () => {
    await app?.stop();
    await peer?.stop();
  });

  it('forwards simulator values to the CoAP peer and serves them on its own CoAP server', { timeout: 60_000 }, async () => {
    const listing = await waitFor('tags on the local CoAP server', async () => {
      const out = await coapClient(['-B', '3', '-m', 'get', `coap://127.0.0.1:${serverPort}/.well-known/core`]);
      return out.stdout.includes('rt="plantbridge.tag"') ? out.stdout : undefined;
    }, 30_000);
    const path = /<\/tags\/([^>]+)>/.exec(listing)?.[1];
    assert.ok(path !== undefined, listing.slice(0, 200));
    const local = await waitFor('a value on the local server', async () => {
      const body = parseBody((await coapClient(['-B', '3', '-m', 'get', `coap://127.0.0.1:${serverPort}/tags/${path}`])).stdout);
      return body?.q === 'good' ? body : undefined;
    }, 30_000);
    assert.equal(typeof local.v === 'number' || typeof local.v === 'boolean' || typeof local.v === 'string', true);
    const forwarded = await waitFor('the value forwarded to the peer', async () => parseBody(await peer.clientGet(`site1/plantbridge/${path}`)), 30_000);
    assert.equal(forwarded.q, 'good');

    const connections = (await (await fetch(`${app.url}api/connections`)).json()) as ConnectionsDto;
    const coap = connections.uplinks.find((u) => u.kind === 'coap');
    assert.ok(coap, 'the CoAP uplink is listed with the others');
    assert.equal(coap.state, 'connected');
    assert.ok(coap.published > 0);
    const test = (await (await fetch(`${app.url}api/uplinks/coap/test`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as UplinkTestResult;
    assert.equal(test.ok, true, test.message);

    // The HyperCat catalogue links each tag's CoAP stream on this server.
    const tagId = decodeURIComponent(path);
    const href = `${app.url}api/tags/value?tag=${encodeURIComponent(tagId)}`;
    const cat = (await (await fetch(`${app.url}cat?href=${encodeURIComponent(href)}`)).json()) as HypercatCatalogue;
    const rels = cat.items[0]?.['item-metadata'] ?? [];
    const stream = rels.find((r) => r.rel === 'urn:X-plantbridge:rels:hasCoapStream');
    assert.equal(stream?.val, `coap://127.0.0.1:${serverPort}/tags/${tagId}`);
  });
});
