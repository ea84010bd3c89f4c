import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { eventNames, requestNames, requestSchemas, routes } from '../../../src-main/contract/index.js';
import { PLANTBRIDGE_VERSION } from '../../../src-main/host/version.js';

describe('the contract', () => {
  it('gives every request a schema and exactly one route', () => {
    assert.deepEqual(Object.keys(routes).sort(), Object.keys(requestSchemas).sort());
    const keys = requestNames.map((n) => `${routes[n].method} ${routes[n].path}`);
    assert.equal(new Set(keys).size, keys.length);
  });

  it('keeps every route under /api and every state change behind POST, PUT or DELETE', () => {
    // Endpoint discovery changes nothing but opens a connection to any URL given: a GET limited to engineers.
    const engineerOnlyReads = new Set(['listEndpoints']);
    for (const n of requestNames) {
      assert.match(routes[n].path, /^\/api\//);
      if (routes[n].role !== 'read' && !engineerOnlyReads.has(n)) assert.ok(['POST', 'PUT', 'DELETE'].includes(routes[n].method), n);
      if (routes[n].method === 'PUT' || routes[n].method === 'DELETE') assert.notEqual(routes[n].role, 'read', n);
    }
  });

  it('names the events the UI listens to', () => {
    assert.deepEqual([...eventNames].sort(), ['alarms', 'flags', 'health', 'live', 'tagImport']);
  });

  it('reports the same version as package.json', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    assert.equal(PLANTBRIDGE_VERSION, pkg.version);
  });
});
