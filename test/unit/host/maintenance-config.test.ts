import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configSchema } from '../../../src-main/host/config-schema.js';
import { maintenanceOptions } from '../../../src-main/host/maintenance-config.js';

const P = 'demo-site/utilities/pump-101';

describe('project file: maintenance section', () => {
  it('defaults to the simulator plant rules for an empty project', () => {
    const project = configSchema.parse({});
    const o = maintenanceOptions(project.maintenance);
    assert.deepEqual(o.rules.map((r) => r.asset), ['pump-101']);
    assert.deepEqual(
      [...new Set(o.assetRules.map((r) => r.rule))].sort(),
      ['cavitation', 'drift', 'fouling', 'sensor-drift', 'stuck-sensor'],
    );
    assert.equal(o.settings.stuckAfterMs, 15 * 60_000);
  });

  it('maps configured rules, including bearing wear with the asset running tag', () => {
    const project = configSchema.parse({
      maintenance: {
        assets: [{ asset: 'pump-101', kind: 'pump', runningTag: `${P}/running`, serviceIntervalHours: 100 }],
        rules: [
          { rule: 'bearing-wear', asset: 'pump-101', tags: { vibration: `${P}/vibration`, temperature: `${P}/bearing-temperature` } },
          { rule: 'stuck-sensor', asset: 'pump-101', tags: [`${P}/flow`] },
        ],
      },
    });
    const o = maintenanceOptions(project.maintenance);
    assert.equal(o.rules[0]?.runningTag, `${P}/running`);
    assert.deepEqual(o.assetRules, [{ rule: 'stuck-sensor', asset: 'pump-101', tags: [`${P}/flow`] }]);
    assert.equal(o.assets[0]?.serviceIntervalHours, 100);
    assert.equal(o.assets[0]?.maxStartsPerHour, 6);
  });

  it('rejects unknown rules, bad tag ids and rules on unlisted assets with the field path', () => {
    const bad = [
      { rules: [{ rule: 'magic', asset: 'pump-101', tag: `${P}/flow` }] },
      { rules: [{ rule: 'drift', asset: 'pump-101', tag: 'not-a-tag' }] },
      { assets: [{ asset: 'pump-101' }], rules: [{ rule: 'drift', asset: 'tank-9', tag: `${P}/flow` }] },
      { noiseRatio: 1 },
      { rules: [{ rule: 'drift', asset: 'pump-101', tag: `${P}/flow`, extra: 1 }] },
    ];
    for (const maintenance of bad) {
      const r = configSchema.safeParse({ maintenance });
      assert.equal(r.success, false, JSON.stringify(maintenance));
      assert.ok(r.error.issues.some((i) => i.path[0] === 'maintenance'), JSON.stringify(r.error.issues));
    }
  });

  it('turns everything off with enabled: false', () => {
    const o = maintenanceOptions(configSchema.parse({ maintenance: { enabled: false } }).maintenance);
    assert.deepEqual([o.rules, o.assetRules, o.assets], [[], [], []]);
  });
});
