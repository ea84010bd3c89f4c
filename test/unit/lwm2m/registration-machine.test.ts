// The registration state machine with a fake clock: Update before expiry, re-register after 4.04, back-off.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RegistrationMachine } from '../../../src-main/domain/lwm2m/registration-machine.js';

describe('LwM2M registration state machine', () => {
  it('registers, then sends Update at 80 % of the lifetime, again and again', () => {
    let now = 1_000_000;
    const m = new RegistrationMachine({ lifetimeSec: 100 });
    assert.deepEqual(m.start(), { kind: 'register' });
    assert.deepEqual(m.registerSucceeded(now, '/rd/5'), { kind: 'none' });
    assert.equal(m.registered, true);
    assert.equal(m.nextDueAt, now + 80_000);
    now += 79_999;
    assert.deepEqual(m.tick(now), { kind: 'none' });
    now += 1;
    assert.deepEqual(m.tick(now), { kind: 'update' });
    assert.equal(m.registered, true, 'still registered while the Update is in flight');
    m.updateSucceeded(now);
    assert.equal(m.nextDueAt, now + 80_000);
  });

  it('registers again at once when Update gets 4.04 (the server forgot the client)', () => {
    const m = new RegistrationMachine({ lifetimeSec: 60 });
    m.start();
    m.registerSucceeded(0, '/rd/1');
    m.tick(48_000);
    assert.deepEqual(m.updateFailed(48_000, '4.04'), { kind: 'register' });
    assert.equal(m.state, 'registering');
    assert.equal(m.location, null);
  });

  it('does not give up after a 5.00 or a timeout on Update: it registers again after back-off', () => {
    const m = new RegistrationMachine({ lifetimeSec: 60, backoffBaseMs: 1000 });
    m.start();
    m.registerSucceeded(0, '/rd/1');
    m.tick(48_000);
    assert.deepEqual(m.updateFailed(48_000, '5.00'), { kind: 'none' });
    assert.equal(m.state, 'waiting');
    assert.equal(m.nextDueAt, 49_000);
    assert.deepEqual(m.tick(49_000), { kind: 'register' });
  });

  it('backs off exponentially on Register failures up to the maximum, and resets after a success', () => {
    const m = new RegistrationMachine({ lifetimeSec: 60, backoffBaseMs: 1000, backoffMaxMs: 8000 });
    let now = 0;
    m.start();
    const waits: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      m.registerFailed(now);
      const due = m.nextDueAt ?? -1;
      waits.push(due - now);
      now = due;
      assert.deepEqual(m.tick(now), { kind: 'register' });
    }
    assert.deepEqual(waits, [1000, 2000, 4000, 8000, 8000, 8000]);
    m.registerSucceeded(now, '/rd/2');
    assert.equal(m.consecutiveFailures, 0);
  });

  it('sends an Update when the lifetime changes, deferring it while a request is in flight', () => {
    const m = new RegistrationMachine({ lifetimeSec: 60 });
    m.start();
    assert.deepEqual(m.setLifetime(120), { kind: 'none' }, 'deferred while registering');
    assert.deepEqual(m.registerSucceeded(0, '/rd/1'), { kind: 'update' });
    assert.equal(m.lifetime, 120);
    m.updateSucceeded(10);
    assert.equal(m.nextDueAt, 10 + 96_000);
  });

  it('de-registers on stop only when registered, and schedules nothing afterwards', () => {
    const m = new RegistrationMachine({ lifetimeSec: 60 });
    m.start();
    m.registerSucceeded(0, '/rd/9');
    assert.deepEqual(m.stop(), { kind: 'deregister', location: '/rd/9' });
    assert.equal(m.nextDueAt, null);
    assert.deepEqual(m.tick(1e12), { kind: 'none' });
    const idle = new RegistrationMachine({ lifetimeSec: 60 });
    idle.start();
    idle.registerFailed(0);
    assert.deepEqual(idle.stop(), { kind: 'none' });
  });

  it('ignores outcomes that do not fit the current state (a late reply after stop)', () => {
    const m = new RegistrationMachine({ lifetimeSec: 60 });
    m.start();
    m.stop();
    assert.deepEqual(m.registerSucceeded(0, '/rd/1'), { kind: 'none' });
    assert.equal(m.registered, false);
  });
});
