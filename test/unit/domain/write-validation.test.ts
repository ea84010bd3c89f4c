import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateWrite } from '../../../src-main/domain/write-validation.js';
import { makeTag } from '../../fixtures/tags.js';

const setpoint = makeTag({ id: 'site/area/pump/speed-setpoint', writable: true, unit: '%', euRange: { low: 0, high: 100 } });

describe('write validation (allow-list, type, range)', () => {
  it('refuses an unknown tag with BadNodeIdUnknown', () => {
    const r = validateWrite(undefined, 'site/area/pump/nope', 1);
    assert.deepEqual(r.ok ? null : r.status, 'BadNodeIdUnknown');
  });

  it('refuses a tag that is not on the write allow-list with BadNotWritable', () => {
    const r = validateWrite(makeTag({ id: 's/a/x/flow' }), 's/a/x/flow', 1);
    assert.equal(r.ok ? null : r.status, 'BadNotWritable');
  });

  it('accepts a number inside the EURange', () => {
    assert.deepEqual(validateWrite(setpoint, setpoint.id, 55.5), { ok: true, value: 55.5 });
  });

  it('refuses a number outside the EURange with BadOutOfRange and names the range', () => {
    const r = validateWrite(setpoint, setpoint.id, 150);
    assert.equal(r.ok, false);
    assert.equal(r.ok ? null : r.status, 'BadOutOfRange');
    assert.match(r.ok ? '' : r.message, /0…100 %/);
  });

  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '42', true, null, { v: 1 }]) {
    it(`refuses ${String(JSON.stringify(bad) ?? bad)} for a Double with BadTypeMismatch`, () => {
      const r = validateWrite(setpoint, setpoint.id, bad);
      assert.equal(r.ok ? null : r.status, 'BadTypeMismatch');
    });
  }

  it('refuses fractions and overflow for integer types', () => {
    const counter = makeTag({ id: 's/a/x/count', writable: true, dataType: 'Int16' });
    assert.equal(validateWrite(counter, counter.id, 1.5).ok, false);
    const r = validateWrite(counter, counter.id, 40000);
    assert.equal(r.ok ? null : r.status, 'BadOutOfRange');
    assert.equal(validateWrite(counter, counter.id, -5).ok, true);
  });

  it('takes only booleans for a Boolean command', () => {
    const run = makeTag({ id: 's/a/x/run', writable: true, dataType: 'Boolean' });
    assert.equal(validateWrite(run, run.id, true).ok, true);
    assert.equal(validateWrite(run, run.id, 1).ok, false);
  });
});
