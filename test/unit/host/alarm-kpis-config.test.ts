import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseProject, UsageError } from '../../../src-main/host/config-load.js';

describe('the alarmKpis project section', () => {
  it('defaults to one operator, so an empty project still works', () => {
    assert.deepEqual(parseProject({}, 'p').alarmKpis, { operators: 1 });
    assert.equal(parseProject({ alarmKpis: { operators: 3 } }, 'p').alarmKpis.operators, 3);
  });

  it('names the field of a bad operator count', () => {
    assert.throws(() => parseProject({ alarmKpis: { operators: 0 } }, 'p.json'), (err: unknown) => err instanceof UsageError && /alarmKpis\.operators:/.test(err.message));
    assert.throws(() => parseProject({ alarmKpis: { operators: 2, shifts: 3 } }, 'p.json'), /alarmKpis/);
  });
});
