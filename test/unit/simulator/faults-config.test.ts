// `simulator.faults` in the project file: strict, with errors that name the field, and the schedule it gives.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseProject } from '../../../src-main/host/config-load.js';
import { simulatorFaultSchedule } from '../../../src-main/host/simulator-faults-config.js';

const project = (faults: unknown) => parseProject({ simulator: { faults } }, 'project.json');
const problems = (faults: unknown): string => {
  try {
    project(faults);
  } catch (err) {
    return (err as Error).message;
  }
  assert.fail('the project was accepted');
};

describe('simulator.faults', () => {
  it('keeps the bearing-wear demo when absent, and takes the list (hours or seconds) when present', () => {
    assert.deepEqual(simulatorFaultSchedule(parseProject({}, 'empty').simulator), [
      { asset: 'pump-101', kind: 'bearing-wear', onsetAfterSec: 600, rampSec: 3600 },
    ]);
    const p = project([
      { asset: 'compressor-201', kind: 'fouling', onsetHours: 8, rampHours: 36 },
      { asset: 'pump-101', kind: 'sensor-drift', onsetAfterSec: 60, rampSec: 600, signal: 'bearing-temperature' },
      { asset: 'compressor-201', kind: 'stuck-sensor', onsetHours: 1 },
    ]);
    assert.deepEqual(simulatorFaultSchedule(p.simulator), [
      { asset: 'compressor-201', kind: 'fouling', onsetAfterSec: 28_800, rampSec: 129_600 },
      { asset: 'pump-101', kind: 'sensor-drift', onsetAfterSec: 60, rampSec: 600, signal: 'bearing-temperature' },
      { asset: 'compressor-201', kind: 'stuck-sensor', onsetAfterSec: 3600, rampSec: 0 },
    ]);
    assert.deepEqual(simulatorFaultSchedule(project([]).simulator), [], 'an empty list is a healthy plant');
  });

  it('names the field and the reason for each bad entry', () => {
    assert.match(problems([{ asset: 'tank-301', kind: 'cavitation', onsetHours: 1, rampHours: 2 }]), /simulator\.faults\[0\]\.asset: fault 'cavitation' is not supported on asset 'tank-301'/);
    assert.match(problems([{ asset: 'pump-101', kind: 'wear', onsetHours: 1, rampHours: 2 }]), /simulator\.faults\[0\]\.kind/);
    assert.match(problems([{ asset: 'pump-101', kind: 'cavitation', rampHours: 2 }]), /faults\[0\]\.onsetHours: give exactly one of onsetHours or onsetAfterSec/);
    assert.match(problems([{ asset: 'pump-101', kind: 'cavitation', onsetHours: 1 }]), /faults\[0\]\.rampHours: fault 'cavitation' needs rampHours or rampSec/);
    assert.match(problems([{ asset: 'pump-101', kind: 'cavitation', onsetHours: -1, rampHours: 2 }]), /faults\[0\]\.onsetHours/);
    assert.match(problems([{ asset: 'pump-101', kind: 'sensor-drift', onsetHours: 1, rampHours: 2, signal: 'running' }]), /faults\[0\]\.signal: .*analog measurement/);
    assert.match(problems([{ asset: 'pump-101', kind: 'cavitation', onsetHours: 1, rampHours: 2, extra: 1 }]), /faults\[0\]/);
  });
});
