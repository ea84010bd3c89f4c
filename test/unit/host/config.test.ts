import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultProject, loadProjectFile, parseProject, UsageError } from '../../../src-main/host/config-load.js';
import { applyFlags } from '../../../src-main/host/config-flags.js';

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof UsageError, 'a usage error (exit code 2)');
    return err.message;
  }
  assert.fail('expected an error');
}

describe('project file', () => {
  it('is complete and secure with no file at all: simulator, embedded broker, loopback, no anonymous server', () => {
    const p = defaultProject();
    assert.equal(p.http.bind, '127.0.0.1');
    assert.equal(p.http.port, 8080);
    assert.equal(p.bridgeServer.port, 4840);
    assert.equal(p.bridgeServer.insecure, false);
    assert.equal(p.mqtt.url, 'embedded');
    assert.equal(p.simulator.enabled, true);
    assert.equal(p.simulator.port, 4841);
  });

  it('names the field path and what was expected for every problem, all at once', () => {
    const message = errorOf(() =>
      parseProject(
        {
          http: { port: 'eighty' },
          sources: [{ id: 'plc 1', endpointUrl: 'http://plc:4840' }],
          tagSettings: { 'only/three/levels': { writable: true } },
          mqtt: { topicPrefix: 'plant/#' },
        },
        'plant.json',
      ),
    );
    assert.match(message, /^plant\.json is not a valid PlantBridge project:/);
    assert.match(message, /http\.port: .*expected number/i);
    assert.match(message, /sources\[0\]\.id: expected a short id/);
    assert.match(message, /sources\[0\]\.endpointUrl: expected an opc\.tcp:\/\/host:port URL/);
    assert.match(message, /tagSettings\.only\/three\/levels: expected a tag id of four levels/);
    assert.match(message, /mqtt\.topicPrefix: expected a topic prefix without MQTT wildcards/);
  });

  it('rejects unknown keys so a typo is not silently ignored', () => {
    assert.match(errorOf(() => parseProject({ histroian: {} }, 'p.json')), /histroian/);
  });

  it('refuses plain passwords for users', () => {
    const message = errorOf(() => parseProject({ users: [{ username: 'op', passwordHash: 'secret', roles: ['operator'] }] }, 'p.json'));
    assert.match(message, /users\[0\]\.passwordHash: expected a password hash made by `plantbridge hash-password`/);
  });

  it('checks alarm limits are in order', () => {
    const message = errorOf(() => parseProject({ tagSettings: { 's/a/b/c': { alarms: { H: 10, HH: 5 } } } }, 'p.json'));
    assert.match(message, /tagSettings\.s\/a\/b\/c\.alarms\.HH: HH must be ≥ H/);
  });

  it('reports a missing file and invalid JSON clearly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-config-'));
    await assert.rejects(loadProjectFile(join(dir, 'nope.json')), /config file .*nope\.json does not exist/);
    writeFileSync(join(dir, 'bad.json'), '{ "http": ');
    await assert.rejects(loadProjectFile(join(dir, 'bad.json')), /is not valid JSON/);
  });
});

describe('command-line flags over the project file', () => {
  const base = { dataDir: './data', bind: '127.0.0.1', simulator: true };

  it('override ports, uplink and simulator', () => {
    const p = applyFlags(defaultProject(), { ...base, httpPort: 9000, opcuaPort: 4900, mqttUrl: 'none', simulator: false, simTags: 50 });
    assert.equal(p.http.port, 9000);
    assert.equal(p.bridgeServer.port, 4900);
    assert.equal(p.mqtt.url, 'none');
    assert.equal(p.simulator.enabled, false);
    assert.equal(p.simulator.extraTags, 50);
  });

  it('refuse --opcua-insecure unless bound to loopback', () => {
    assert.match(
      errorOf(() => applyFlags(defaultProject(), { ...base, bind: '0.0.0.0', opcuaInsecure: true })),
      /--opcua-insecure is only allowed when the bridge server is bound to loopback/,
    );
    assert.equal(applyFlags(defaultProject(), { ...base, opcuaInsecure: true }).bridgeServer.insecure, true);
  });

  it('refuse a malformed --mqtt-url', () => {
    assert.match(errorOf(() => applyFlags(defaultProject(), { ...base, mqttUrl: 'broker:1883' })), /--mqtt-url: expected/);
  });
});
