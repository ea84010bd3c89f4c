// The `tagSettings.<tag>.alarms` section: the old numeric form, per-level objects and the richer alarm kinds,
// normalized for the engine; mistakes named by field path.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseProject, UsageError } from '../../../src-main/host/config-load.js';
import { simulatorTagDefaults } from '../../../src-main/host/simulator-source.js';
import { alarmDefinitionsFor } from '../../../src-main/domain/alarm-definitions.js';

const TAG = 's/a/pump-1/flow';

function errorOf(json: unknown): string {
  try {
    parseProject(json, 'p.json');
  } catch (err) {
    assert.ok(err instanceof UsageError);
    return err.message;
  }
  assert.fail('expected an error');
}

describe('alarm settings in the project file', () => {
  it('keep the numeric form working', () => {
    const p = parseProject({ tagSettings: { [TAG]: { alarms: { HH: 9, H: 8 } } } }, 'p.json');
    assert.deepEqual(p.tagSettings[TAG]?.alarms, { HH: 9, H: 8, deadband: 0, priority: 3 });
  });

  it('normalize per-level objects and keep the richer kinds', () => {
    const p = parseProject(
      {
        tagSettings: {
          [TAG]: {
            alarms: {
              H: { limit: 8, priority: 2, onDelaySec: 5, offDelaySec: 2, message: '{label} high' },
              L: 1,
              deviation: { setpointTag: 's/a/pump-1/flow-setpoint', limit: 10 },
              rateOfChange: { perMinute: 5 },
              digital: { alarmWhen: true },
              badQuality: {},
              suppressWhen: { tag: 's/a/pump-1/running', equals: false },
              latched: true,
              confirmRequired: true,
              maxShelveMinutes: 120,
            },
          },
        },
      },
      'p.json',
    );
    const alarms = p.tagSettings[TAG]?.alarms;
    assert.equal(alarms?.H, 8);
    assert.deepEqual(alarms?.levels, { H: { priority: 2, onDelaySec: 5, offDelaySec: 2, message: '{label} high' } });
    assert.deepEqual(alarms?.rateOfChange, { perMinute: 5, windowSec: 60, direction: 'both' });
    assert.deepEqual(alarms?.digital, { alarmWhen: true, delaySec: 0 });
    assert.deepEqual(alarms?.badQuality, { delaySec: 10 });
    assert.equal(p.systemAlarms.diskMinFreePercent, 5);
  });

  it('name the field path of every mistake', () => {
    const message = errorOf({
      tagSettings: {
        [TAG]: {
          alarms: {
            deviation: { setpointTag: 'not-a-tag', limit: -1 },
            rateOfChange: { perMinute: 5, direction: 'up' },
            priority: 7,
          },
        },
      },
    });
    // Cross-field checks run once the fields themselves are valid (zod), so they are a second file here.
    const ordering = errorOf({ tagSettings: { [TAG]: { alarms: { H: { limit: 5 }, HH: 4, digital: { delaySec: 3 } } } } });
    assert.match(ordering, /tagSettings\.s\/a\/pump-1\/flow\.alarms\.HH: HH must be ≥ H/);
    assert.match(ordering, /alarms\.digital\.alarmWhen: either alarmWhen \(a state alarm\) or feedbackTag/);
    assert.match(message, /alarms\.deviation\.setpointTag: expected a tag id of four levels/);
    assert.match(message, /alarms\.deviation\.limit:/);
    assert.match(message, /alarms\.rateOfChange\.direction:/);
    assert.match(message, /alarms\.priority:/);
  });

  it('give the simulator plant an alarm of every tag kind', () => {
    const defaults = simulatorTagDefaults();
    const levels = new Set<string>();
    for (const [id, o] of Object.entries(defaults)) {
      const [site = '', area = '', asset = '', name = ''] = id.split('/');
      const dto = { id, site, area, asset, name, sourceId: 'sim', nodeId: id, dataType: 'Double' as const, unit: '', euRange: null, description: '', writable: false, group: 'default', alarms: o.alarms ?? null };
      for (const d of alarmDefinitionsFor(dto)) levels.add(d.level);
    }
    assert.deepEqual([...levels].sort(), ['BAD', 'DEV', 'H', 'HH', 'L', 'LL', 'ROC']);
    assert.ok(defaults['demo-site/utilities/pump-101/flow']?.alarms?.suppressWhen);
  });
});
