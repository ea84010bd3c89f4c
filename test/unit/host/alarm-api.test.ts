// The alarm actions through the contract, the way every transport runs them (role check, schema, handler):
// refusals are 400/403/404/409 with a sentence saying why; routes carry the URL-encoded alarm id.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Caller, RequestHandlers, RequestName } from '../../../src-main/contract/index.js';
import type { TagDef } from '../../../src-main/domain/tags.js';
import { createHandlers, type HandlerDeps } from '../../../src-main/host/handlers.js';
import { matchRoute } from '../../../src-main/host/http-routes.js';
import { invokeRequest } from '../../../src-main/host/invoke.js';
import { RequestError } from '../../../src-main/host/request-error.js';
import { createAlarmService } from '../../../src-main/services/alarm-service.js';
import { TagCatalog } from '../../../src-main/services/tag-catalog.js';
import { FakeStore } from '../../fixtures/fake-store.js';

const TAG = 'demo-site/utilities/pump-101/vibration';
const H = `${TAG}#H`;
const operator: Caller = { user: 'olga', roles: ['read', 'operate'], via: 'http' };
const engineer: Caller = { user: 'erik', roles: ['read', 'operate', 'engineer'], via: 'http' };

function setup() {
  const store = new FakeStore();
  const alarms = createAlarmService({ store, clock: { now: () => 10_000 }, log: { debug() {}, info() {}, warn() {}, error() {} } });
  const tag: TagDef = {
    id: TAG, site: 'demo-site', area: 'utilities', asset: 'pump-101', name: 'vibration', sourceId: 'sim', nodeId: 'n', dataType: 'Double',
    unit: 'mm/s', euRange: null, description: '', writable: false, group: 'default', deadband: null,
    alarms: { HH: 11, H: 7.1, deadband: 0.3, priority: 1, maxShelveMinutes: 60 },
  };
  alarms.setTags([tag]);
  const unused = () => {
    throw new Error('not used by the alarm API');
  };
  const deps: HandlerDeps = {
    catalog: new TagCatalog({}),
    store,
    gate: { write: unused } as unknown as HandlerDeps['gate'],
    trust: { list: unused, trust: unused },
    alarms,
    flags: { list: () => [] },
    remote: { status: unused, setEnabled: unused },
    uplinks: () => [],
    snapshot: () => [],
    health: unused,
    connections: unused,
    latest: () => undefined,
    hypercat: () => null,
  };
  const handlers: RequestHandlers = createHandlers(deps);
  const call = (name: RequestName, args: unknown, caller: Caller = operator) => invokeRequest(handlers, name, args, caller);
  const fail = async (name: RequestName, args: unknown, caller: Caller = operator): Promise<RequestError> => {
    try {
      await call(name, args, caller);
    } catch (err) {
      assert.ok(err instanceof RequestError, `a RequestError, got ${String(err)}`);
      return err;
    }
    assert.fail(`${name} should have been refused`);
  };
  return { alarms, store, call, fail, raise: () => alarms.ingest({ samples: [{ tagId: TAG, ts: 10_000, value: 8, quality: 'good' }] }) };
}

describe('alarm API', () => {
  it('routes every action with the URL-encoded alarm id', () => {
    const enc = encodeURIComponent(H);
    for (const [action, name] of [['confirm', 'confirmAlarm'], ['reset', 'resetAlarm'], ['shelve', 'shelveAlarm'], ['unshelve', 'unshelveAlarm'], ['service', 'setAlarmOutOfService'], ['limits', 'setAlarmLimits']] as const) {
      assert.deepEqual(matchRoute('POST', `/api/alarms/${enc}/${action}`), { name, params: { id: H } });
    }
  });

  it('shelves, lists shelved alarms apart from active ones, and unshelves', async () => {
    const s = setup();
    s.raise();
    const shelved = await s.call('shelveAlarm', { id: H, minutes: '30', reason: 'vibration probe loose' });
    assert.equal((shelved as { state: string }).state, 'shelved');
    assert.deepEqual(await s.call('listAlarms', { state: 'active' }), []);
    assert.equal(((await s.call('listAlarms', { state: 'shelved' })) as unknown[]).length, 1);
    await s.call('unshelveAlarm', { id: H, comment: 'probe fixed' });
    assert.equal(((await s.call('listAlarms', {})) as unknown[]).length, 1);
  });

  it('answers 404 for an unknown alarm and 409 for an action that does not fit the state', async () => {
    const s = setup();
    assert.equal((await s.fail('shelveAlarm', { id: 'nope#H', minutes: 5, reason: 'r' })).status, 404);
    const e = await s.fail('unshelveAlarm', { id: H });
    assert.deepEqual([e.status, e.message], [409, `alarm ${H} is not shelved`]);
    assert.equal((await s.fail('resetAlarm', { id: H })).status, 409);
    assert.equal((await s.fail('confirmAlarm', { id: H })).status, 409);
    assert.equal((await s.fail('ackAlarm', { id: H })).status, 409);
  });

  it('answers 400 for a missing reason, a missing duration or a shelve over the maximum', async () => {
    const s = setup();
    s.raise();
    assert.match((await s.fail('shelveAlarm', { id: H, minutes: 5, reason: '  ' })).message, /^reason: a reason/);
    assert.match((await s.fail('shelveAlarm', { id: H, reason: 'r' })).message, /^minutes: the shelve duration/);
    const over = await s.fail('shelveAlarm', { id: H, minutes: 61, reason: 'r' });
    assert.deepEqual([over.status, over.message], [400, `alarm ${H} may be shelved for at most 60 minutes (asked for 61)`]);
    assert.match((await s.fail('setAlarmLimits', { id: H }, engineer)).message, /at least one of limit/);
  });

  it('lets only engineers take alarms out of service or change limits, audited', async () => {
    const s = setup();
    assert.equal((await s.fail('setAlarmOutOfService', { id: H, outOfService: true, reason: 'probe replaced' })).status, 403);
    assert.equal((await s.fail('setAlarmLimits', { id: H, limit: 7.5 })).status, 403);
    await s.call('setAlarmOutOfService', { id: H, outOfService: true, reason: 'probe replaced' }, engineer);
    const edited = await s.call('setAlarmLimits', { id: H, limit: 7.5 }, engineer);
    assert.equal((edited as { limit: number }).limit, 7.5);
    assert.equal((await s.fail('setAlarmLimits', { id: H, limit: 12 }, engineer)).status, 409);
    assert.deepEqual(s.store.audit.map((a) => [a.action, a.user, a.via]), [['alarm-service', 'erik', 'http'], ['alarm-limits', 'erik', 'http']]);
  });
});
