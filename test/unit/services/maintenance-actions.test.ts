// Flag actions (acknowledge, work order, clear), the flag history and run hours: through the service with a fake
// store, through the request handlers, and persisted in a real SQLite historian across a restart.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TagSample } from '../../../src-main/contract/index.js';
import { createSqliteHistorian } from '../../../src-main/adapters/store/index.js';
import { createHandlers, type HandlerDeps } from '../../../src-main/host/handlers.js';
import { RequestError } from '../../../src-main/host/request-error.js';
import { createMaintenanceService, defaultBearingRules, type MaintenanceService } from '../../../src-main/services/maintenance-service.js';
import type { MaintenanceStore } from '../../../src-main/services/maintenance/maintenance-store.js';
import type { HistorianStore } from '../../../src-main/services/ports.js';
import { FakeStore } from '../../fixtures/fake-store.js';
import { fixedClock, tempDir } from '../store/store-fixtures.js';
import { PUMP, pumpSamples, pumpTags } from '../domain/maintenance/synthetic-pump.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 0, 6);
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const caller = { user: 'olga', roles: ['read', 'operate'] as ('read' | 'operate')[], via: 'http' as const };

/** A service that has raised a bearing-wear flag on the synthetic pump. */
async function withFlag(store: HistorianStore = new FakeStore(), mstore?: MaintenanceStore) {
  const clock = fixedClock(T0);
  const service = createMaintenanceService({
    store, clock, log: silent, rules: defaultBearingRules(), schedule: (run) => run(), ...(mstore ? { maintenanceStore: mstore } : {}),
  });
  service.setTags(pumpTags());
  await service.start();
  let batch: TagSample[] = [];
  for (const step of pumpSamples({ seed: 5, start: T0, durationMs: 4 * HOUR + 50 * 60_000, faultOnset: T0 + 4 * HOUR })) {
    batch.push(...step.samples);
    if (batch.length >= 20) {
      clock.set(step.ts);
      service.ingest({ samples: batch });
      batch = [];
    }
  }
  const flag = service.list().find((f) => f.state === 'active');
  assert.ok(flag, 'the scenario raises a flag');
  return { service, clock, flag };
}

function handlersFor(service: MaintenanceService) {
  const unused = {} as never;
  const deps: HandlerDeps = {
    catalog: unused, store: unused, gate: unused, trust: unused,
    alarms: unused,
    flags: service,
    remote: unused, uplinks: () => [], snapshot: () => [], health: () => unused, connections: () => unused,
    latest: () => undefined, hypercat: () => null,
  };
  return createHandlers(deps);
}

describe('maintenance flag actions and history', () => {
  it('acknowledges, links a work order and clears a flag, keeping who did what in the history', async () => {
    const { service, flag } = await withFlag();
    const events: string[] = [];
    service.onChange((c) => events.push(...c.map((f) => `${f.state}:${f.acknowledged === true}`)));
    const acked = await service.acknowledge(flag.id, 'olga', 'seen, planning');
    assert.equal(acked.acknowledged, true);
    assert.equal(acked.ackedBy, 'olga');
    assert.equal(acked.ackComment, 'seen, planning');
    await assert.rejects(service.acknowledge(flag.id, 'olga', ''), /already acknowledged/);
    const wo = await service.setWorkOrder(flag.id, 'WO-4711 replace DE bearing', 'piet');
    assert.equal(wo.workOrder, 'WO-4711 replace DE bearing');
    assert.equal(wo.acknowledged, true, 'the acknowledgement survives');
    const cleared = await service.clear(flag.id, 'piet', 'bearing replaced');
    assert.equal(cleared.state, 'cleared');
    assert.equal(cleared.clearedBy, 'piet');
    assert.equal(cleared.clearReason, 'bearing replaced');
    assert.deepEqual(service.list().map((f) => [f.id, f.state]), [[flag.id, 'cleared']]);
    await assert.rejects(service.clear(flag.id, 'piet', 'again'), /already cleared/);
    await assert.rejects(service.acknowledge('nope', 'piet', ''), /unknown flag/);
    const history = await service.history({ limit: 100 });
    const oldestFirst = history.map((h) => [h.event, h.user]).reverse();
    assert.deepEqual(oldestFirst[0], ['raised', null]);
    assert.ok(oldestFirst.slice(1, -3).every(([e, u]) => e === 'severity' && u === null), 'only severity changes in between');
    assert.deepEqual(oldestFirst.slice(-3), [['acknowledged', 'olga'], ['work-order', 'piet'], ['cleared', 'piet']]);
    assert.ok(history.every((h) => h.flagId === flag.id && h.asset === 'pump-101' && h.rule === 'bearing-wear'));
    assert.deepEqual(events, ['active:true', 'active:true', 'cleared:true']);
  });

  it('serves the actions through the request handlers with 404/409 errors', async () => {
    const { service, flag } = await withFlag();
    const h = handlersFor(service);
    const acked = await h.ackFlag({ id: flag.id, comment: 'ok' }, caller);
    assert.equal(acked.ackedBy, 'olga');
    await assert.rejects(h.ackFlag({ id: flag.id, comment: '' }, caller), (e: unknown) => e instanceof RequestError && e.status === 409);
    await assert.rejects(h.clearFlag({ id: 'missing', reason: 'x' }, caller), (e: unknown) => e instanceof RequestError && e.status === 404);
    assert.equal((await h.setFlagWorkOrder({ id: flag.id, workOrder: 'WO-1' }, caller)).workOrder, 'WO-1');
    assert.equal((await h.clearFlag({ id: flag.id, reason: 'done' }, caller)).clearedBy, 'olga');
    const history = await h.flagHistory({ limit: 10 }, caller);
    assert.equal(history[0]?.event, 'cleared');
    const hours = await h.runHours({}, caller);
    const pump = hours.find((r) => r.asset === 'pump-101');
    assert.ok(pump && pump.runHours > 4.7 && pump.runHours < 4.9, `run hours ${pump?.runHours}`);
  });

  it('does not raise a flag cleared by hand again while its condition still holds', async () => {
    const { service, flag, clock } = await withFlag();
    await service.clear(flag.id, 'piet', 'known, bearing ordered');
    // Keep feeding the still-wearing pump: the condition holds, but the flag stays cleared.
    let batch: TagSample[] = [];
    for (const step of pumpSamples({ seed: 5, start: T0, durationMs: 5 * HOUR + 10 * 60_000, faultOnset: T0 + 4 * HOUR })) {
      if (step.ts < T0 + 4 * HOUR + 50 * 60_000) continue;
      batch.push(...step.samples);
      if (batch.length >= 20) {
        clock.set(step.ts);
        service.ingest({ samples: batch });
        batch = [];
      }
    }
    assert.deepEqual(service.list().map((f) => f.state), ['cleared']);
  });
});

describe('run hours and starts', () => {
  it('counts run hours and starts and keeps them across a restart (real SQLite)', async () => {
    const dir = tempDir('pb-maint-');
    const clock = fixedClock(T0);
    const running = `${PUMP}running`;
    const open = async () => {
      const store = createSqliteHistorian({ dbPath: dir.file('pb.db'), retentionDays: 30, log: silent, clock });
      await store.open();
      const service = createMaintenanceService({ store, clock, log: silent, maintenanceStore: store, assetRules: [], schedule: (r) => r() });
      await service.start();
      return { store, service };
    };
    const feed = (service: MaintenanceService, from: number, to: number, on: (ts: number) => boolean) => {
      for (let ts = from; ts <= to; ts += 60_000) {
        clock.set(ts);
        service.ingest({ samples: [{ tagId: running, ts, value: on(ts), quality: 'good' }] });
      }
    };
    try {
      let { store, service } = await open();
      // 2 h on, 1 h off, 2 h on: one start.
      feed(service, T0, T0 + 5 * HOUR, (ts) => ts < T0 + 2 * HOUR || ts >= T0 + 3 * HOUR);
      let pump = service.runHours().find((r) => r.asset === 'pump-101');
      assert.ok(pump);
      assert.ok(Math.abs(pump.runHours - 4) < 0.05, `run hours ${pump.runHours}`);
      assert.equal(pump.starts, 1);
      await service.stop();
      await store.close();
      ({ store, service } = await open());
      pump = service.runHours().find((r) => r.asset === 'pump-101');
      assert.ok(pump && Math.abs(pump.runHours - 4) < 0.05 && pump.starts === 1, 'restored after restart');
      feed(service, T0 + 6 * HOUR, T0 + 7 * HOUR, () => true);
      pump = service.runHours().find((r) => r.asset === 'pump-101');
      assert.ok(pump && Math.abs(pump.runHours - 5) < 0.05, `run hours after restart ${pump?.runHours}`);
      await service.stop();
      await store.close();
    } finally {
      dir.remove();
    }
  });

  it('raises a service-interval flag when run hours pass the interval and a clear records the service', async () => {
    const clock = fixedClock(T0);
    const service = createMaintenanceService({
      store: new FakeStore(), clock, log: silent, assetRules: [], schedule: (r) => r(),
      assets: [{ asset: 'pump-101', kind: 'pump', runningTag: `${PUMP}running`, serviceIntervalHours: 10, maxStartsPerHour: 6, maxStartsPerDay: 48 }],
    });
    await service.start();
    for (let ts = T0; ts <= T0 + 11 * HOUR; ts += 60_000) {
      clock.set(ts);
      service.ingest({ samples: [{ tagId: `${PUMP}running`, ts, value: true, quality: 'good' }] });
    }
    const flag = service.list()[0];
    assert.ok(flag && flag.rule === 'service-interval' && flag.state === 'active', 'service due');
    assert.match(flag.explanation, /service is due/);
    await service.clear(flag.id, 'piet', 'serviced');
    const pump = service.runHours()[0];
    assert.ok(pump && pump.serviceDueInHours > 9.9, `due in ${pump?.serviceDueInHours}`);
    await service.stop();
  });
});
