// The static catalog, the default fault schedule and the load-test counters.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultFaultSchedule, plantCatalog } from '../../../src-main/adapters/simulator/index.js';
import { LoadCounters } from '../../../src-main/adapters/simulator/model/load-counters.js';

describe('plant catalog', () => {
  it('lists the four assets with units, ranges and descriptions', () => {
    const cat = plantCatalog();
    assert.deepEqual([...new Set(cat.map((s) => s.asset))], ['pump-101', 'compressor-201', 'tank-301', 'conveyor-401']);
    for (const s of cat) {
      assert.equal(s.site, 'demo-site');
      assert.equal(s.nodeId, `ns=1;s=demo-site.${s.area}.${s.asset}.${s.name}`);
      assert.ok(s.description.length > 5);
      if (s.dataType === 'Double') assert.ok(s.euRange && s.unit, `${s.nodeId} has unit and range`);
      assert.equal(s.writable, s.kind !== 'measurement');
    }
    assert.equal(new Set(cat.map((s) => s.nodeId)).size, cat.length, 'node ids are unique');
  });

  it('suggests ISO 10816 vibration and bearing temperature limits for the pump', () => {
    const byName = new Map(plantCatalog().map((s) => [`${s.asset}.${s.name}`, s]));
    assert.deepEqual(byName.get('pump-101.vibration')?.alarms, { H: 7.1, HH: 11, deadband: 0.3, priority: 1 });
    assert.equal(byName.get('pump-101.bearing-temperature')?.alarms?.H, 80);
    assert.equal(byName.get('pump-101.bearing-temperature')?.alarms?.HH, 95);
  });

  it('appends load-test tags grouped 100 per asset', () => {
    const cat = plantCatalog(250);
    const load = cat.filter((s) => s.area === 'load');
    assert.equal(load.length, 250);
    assert.equal(load[0]?.nodeId, 'ns=1;s=demo-site.load.load-0.value-0');
    assert.equal(load[249]?.nodeId, 'ns=1;s=demo-site.load.load-2.value-249');
  });
});

describe('default fault schedule', () => {
  it('is seeded: same seed, same schedule; about 10 min onset and 60 min ramp', () => {
    assert.deepEqual(defaultFaultSchedule(9), defaultFaultSchedule(9));
    assert.notDeepEqual(defaultFaultSchedule(9), defaultFaultSchedule(10));
    const [f] = defaultFaultSchedule(9);
    assert.ok(f);
    assert.equal(f.kind, 'bearing-wear');
    assert.equal(f.asset, 'pump-101');
    assert.ok(f.onsetAfterSec >= 540 && f.onsetAfterSec <= 660);
    assert.ok(f.rampSec >= 3300 && f.rampSec <= 3900);
  });
});

describe('load counters', () => {
  it('go up by exactly one per change for every tag', () => {
    const c = new LoadCounters(10_000);
    c.advance();
    c.advance();
    c.advance();
    assert.ok(c.values.every((v) => v === 3));
    assert.throws(() => new LoadCounters(-1), /extraTags/);
  });
});
