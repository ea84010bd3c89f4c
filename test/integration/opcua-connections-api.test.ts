// Connection engineering over the real HTTP API of a running app: CRUD in the project file on disk with the source
// hot-started and stopped, "Test connection" (success and explained failures), endpoint discovery, the browser on
// a 10,000-variable folder (continuation points) and subscriptions split by the server's MaxMonitoredItemsPerCall.
// Real node-opcua servers on 127.0.0.1, a real SQLite file, a real HTTP listener.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type {
  BrowsePageDto,
  CommandLogEntry,
  ConnectionSettingsDto,
  ConnectionsDto,
  ConnectionTestDto,
  EndpointsDto,
  NodeAttributesDto,
} from '../../src-main/contract/index.js';
import { startApp, type RunningApp } from '../../src-main/host/app.js';
import { createProjectStore } from '../../src-main/host/project-store.js';
import { freePort, startTestServer, type TestServer } from '../fixtures/opcua-test-server.js';
import { startLimitsServer, type LimitsServer } from '../fixtures/opcua-limits-server.js';
import { recordingLog, tempDir } from '../unit/store/store-fixtures.js';

import { waitFor } from '../fixtures/wait-for.js';

const BIG = 10_000;
const PER_CALL = 25;
const tmp = tempDir('pb-connections-api-');
const projectFile = tmp.file('project.json');
let limits: LimitsServer;
let plain: TestServer;
let app: RunningApp;

async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL(path, app.uiUrl), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}
const fileOnDisk = () => JSON.parse(readFileSync(projectFile, 'utf8')) as { sources?: Record<string, unknown>[]; historian?: unknown };
const connections = async () => (await call<ConnectionsDto>('GET', '/api/connections')).body;

before(async () => {
  limits = await startLimitsServer({
    port: await freePort(), pkiDir: tmp.file('limits-pki'), variables: BIG,
    maxMonitoredItemsPerCall: PER_CALL, maxNodesPerRead: 50, maxNodesPerBrowse: 50,
  });
  plain = await startTestServer({ port: await freePort(), pkiDir: tmp.file('plain-pki') });
  // A hand-written project: its other sections must survive the API's edits as written.
  writeFileSync(projectFile, JSON.stringify({ historian: { retentionDays: 7 } }, null, 2));
  const log = recordingLog();
  const projectStore = createProjectStore({ file: projectFile, log });
  const project = {
    ...projectStore.current(),
    http: { bind: '127.0.0.1', port: 0 },
    simulator: { ...projectStore.current().simulator, enabled: false },
    bridgeServer: { ...projectStore.current().bridgeServer, enabled: false },
    mqtt: { ...projectStore.current().mqtt, url: 'none' },
  };
  app = await startApp({ project, dataDir: tmp.file('data'), version: 'test', staticDir: tmp.dir, log, projectStore });
});

after(async () => {
  await app?.stop();
  await limits?.stop();
  await plain?.stop();
  tmp.remove();
});

describe('connections in the project file (POST/PUT/DELETE /api/connections)', () => {
  it('adds a connection: written to the project file, the source hot-started and connected', async () => {
    const res = await call<ConnectionSettingsDto>('POST', '/api/connections', {
      id: 'big', name: 'Limits server', endpointUrl: limits.endpointUrl, securityMode: 'None', securityPolicy: 'None',
      tags: Array.from({ length: 60 }, (_, i) => ({ id: `s/a/big/v${i}`, nodeId: `ns=1;s=Big.V${i}` })),
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.id, 'big');
    const disk = fileOnDisk();
    assert.deepEqual(disk.historian, { retentionDays: 7 }, 'untouched sections keep their text');
    assert.equal(disk.sources?.[0]?.endpointUrl, limits.endpointUrl);
    await waitForState('big', 'connected');
  });

  it('splits monitored items by the server MaxMonitoredItemsPerCall and shows what the server granted', async () => {
    const latest = await waitForConnection('big', (c) => c.status?.monitoredItems === 60);
    const status = latest.status;
    assert.equal(status?.operationLimits?.MaxMonitoredItemsPerCall, PER_CALL);
    const group = status?.subscriptions?.[0];
    assert.ok(group);
    assert.equal(group.itemsPerCall, PER_CALL);
    assert.equal(group.createCalls, 3, '60 items in calls of at most 25');
    assert.equal(group.refusedItems, 0);
    assert.ok(group.revisedSamplingIntervalMs, 'revised sampling intervals are reported');
    assert.ok(typeof group.revisedPublishingIntervalMs === 'number');
  });

  it('refuses an invalid edit with the field path and writes nothing', async () => {
    const before = readFileSync(projectFile, 'utf8');
    const res = await call<{ error: { message: string } }>('PUT', '/api/connections/big', {
      id: 'big', endpointUrl: limits.endpointUrl, securityMode: 'SignAndEncrypt', securityPolicy: 'Basic128Rsa15',
    });
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /^securityPolicy: Basic128Rsa15 is deprecated/);
    assert.equal(readFileSync(projectFile, 'utf8'), before);
  });

  it('edits a connection: the password goes to the encrypted store, never into the project file', async () => {
    const res = await call<ConnectionSettingsDto>('PUT', '/api/connections/big', {
      id: 'big', endpointUrl: limits.endpointUrl, identity: { type: 'username', username: 'operator', password: 'secret' },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.identity, { type: 'username', username: 'operator', password: 'saved', passwordEnv: null });
    const text = readFileSync(projectFile, 'utf8');
    assert.ok(!text.includes('secret'), 'no plain password in the project file');
    assert.ok(!readFileSync(join(tmp.file('data'), 'secrets', 'connection-passwords.enc'), 'utf8').includes('secret'));
    await waitForState('big', 'connected');
    const audit = (await call<CommandLogEntry[]>('GET', '/api/commands')).body;
    assert.ok(audit.some((a) => a.message.startsWith('connection big changed') && a.user === 'local'), 'the edit is audited');
  });

  it('removes a connection: gone from the file and the source stopped', async () => {
    await call<ConnectionSettingsDto>('POST', '/api/connections', { id: 'gone', endpointUrl: plain.endpointUrl, securityMode: 'None' });
    await waitForState('gone', 'connected');
    const res = await call<{ deleted: boolean }>('DELETE', '/api/connections/gone');
    assert.equal(res.status, 200);
    assert.ok(!fileOnDisk().sources?.some((s) => s.id === 'gone'));
    const now = await connections();
    assert.ok(!now.sources.some((s) => s.id === 'gone'), 'the source is no longer running');
    assert.equal((await call('DELETE', '/api/connections/gone')).status, 404);
  });
});

describe('POST /api/connections/{id}/test', () => {
  it('connects and reports build info, namespaces, operation limits and capabilities', async () => {
    const res = await call<ConnectionTestDto>('POST', '/api/connections/big/test', {});
    assert.equal(res.status, 200);
    assert.equal(res.body.ok, true, JSON.stringify(res.body.error));
    assert.equal(res.body.server?.buildInfo.productName, 'PlantBridgeLimitsServer');
    assert.equal(res.body.server?.buildInfo.softwareVersion, '1.2.3');
    assert.equal(res.body.server?.namespaces[0], 'http://opcfoundation.org/UA/');
    assert.equal(res.body.server?.operationLimits.MaxNodesPerRead, 50);
    assert.equal(res.body.server?.operationLimits.MaxMonitoredItemsPerCall, PER_CALL);
    assert.equal(res.body.server?.serverCapabilities.maxBrowseContinuationPoints, 10);
  });

  it('explains a wrong port in plain words', async () => {
    const res = await call<ConnectionTestDto>('POST', '/api/connections/nowhere/test', { endpointUrl: `opc.tcp://127.0.0.1:${await freePort()}`, securityMode: 'None' });
    assert.equal(res.body.ok, false);
    assert.equal(res.body.error?.kind, 'unreachable');
    assert.match(res.body.error?.fix ?? '', /not reachable.*port/);
  });

  it('explains an untrusted server certificate with the status code and the fix', async () => {
    const res = await call<ConnectionTestDto>('POST', '/api/connections/secure/test', {
      endpointUrl: plain.endpointUrl, securityMode: 'SignAndEncrypt', securityPolicy: 'Basic256Sha256',
    });
    assert.equal(res.body.ok, false);
    assert.equal(res.body.error?.kind, 'untrusted-server');
    assert.equal(res.body.error?.statusCode, 'BadCertificateUntrusted');
    assert.match(res.body.error?.message ?? '', /thumbprint [0-9a-f]{40}/);
    assert.match(res.body.error?.fix ?? '', /trust it/);
  });
});

describe('GET /api/endpoints', () => {
  it('lists every endpoint with mode, policy and user token types', async () => {
    const res = await call<EndpointsDto>('GET', `/api/endpoints?url=${encodeURIComponent(limits.endpointUrl)}`);
    assert.equal(res.status, 200);
    const modes = res.body.endpoints.map((e) => `${e.securityMode}/${e.securityPolicy}`);
    assert.ok(modes.includes('None/None'));
    assert.ok(modes.includes('SignAndEncrypt/Aes256_Sha256_RsaPss'));
    const secure = res.body.endpoints.find((e) => e.securityPolicy === 'Basic256Sha256');
    assert.equal(secure?.deprecated, false);
    assert.ok(secure?.userTokens.some((t) => t.tokenType === 'username'));
    assert.match(secure?.serverCertificate?.thumbprint ?? '', /^[0-9a-f]{40}$/);
  });
});

describe('GET /api/browse and /api/browse/attributes', () => {
  it('pages through a 10,000-variable folder (continuation points followed) with hasChildren and data types', async () => {
    const seen = new Set<string>();
    let offset: number | null = 0;
    while (offset !== null) {
      const res: { status: number; body: BrowsePageDto } = await call<BrowsePageDto>('GET', `/api/browse?connection=big&nodeId=${encodeURIComponent('ns=1;s=Big')}&offset=${offset}&limit=2500`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.total, BIG);
      for (const c of res.body.children) seen.add(c.nodeId);
      offset = res.body.nextOffset;
    }
    assert.equal(seen.size, BIG);
    const first = (await call<BrowsePageDto>('GET', `/api/browse?connection=big&nodeId=${encodeURIComponent('ns=1;s=Big')}&limit=3`)).body.children[0];
    assert.deepEqual({ ...first, typeDefinition: undefined }, {
      nodeId: 'ns=1;s=Big.V0', nodeClass: 'Variable', browseName: '1:V0', displayName: 'V0', dataType: 'Double', hasChildren: false, typeDefinition: undefined,
    });
    const plantChildren = (await call<BrowsePageDto>('GET', `/api/browse?connection=big&nodeId=${encodeURIComponent('ns=1;s=Plant')}`)).body.children;
    assert.equal(plantChildren.find((c) => c.displayName === 'Big')?.hasChildren, true);
  });

  it('reads the attributes of an analog item', async () => {
    const res = await call<NodeAttributesDto>('GET', `/api/browse/attributes?connection=big&nodeId=${encodeURIComponent('ns=1;s=Pump1.Flow')}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.dataType, 'Double');
    assert.equal(res.body.value, 42.5);
    assert.equal(res.body.statusCode, 'Good');
    assert.deepEqual(res.body.euRange, { low: 0, high: 100 });
    assert.equal(res.body.engineeringUnits?.displayName, 'm³/h');
    assert.equal(res.body.description, 'Discharge flow');
    assert.deepEqual(res.body.accessLevel, ['CurrentRead']);
    assert.ok(typeof res.body.sourceTimestamp === 'number');
  });

  it('answers 404 for an unknown node and for an unknown connection', async () => {
    assert.equal((await call('GET', `/api/browse/attributes?connection=big&nodeId=${encodeURIComponent('ns=1;s=Nope')}`)).status, 404);
    assert.equal((await call('GET', '/api/browse?connection=nope')).status, 404);
  });
});

/** Polls GET /api/connections until the connection satisfies `ok`. */
async function waitForConnection(id: string, ok: (c: ConnectionSettingsDto) => boolean): Promise<ConnectionSettingsDto> {
  return waitFor(`connection ${id}`, async () => {
    const c = (await connections()).configured?.find((x) => x.id === id);
    return c && ok(c) ? c : undefined;
  }, 20_000);
}

const waitForState = (id: string, state: string) => waitForConnection(id, (c) => c.status?.state === state);
