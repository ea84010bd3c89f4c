// Reading oneM2M notifications: verification requests, command contentInstances (con as a string or an object),
// and refusals for anything malformed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOurSubscription, parseNotification, readOneM2mTime } from '../../../src-main/adapters/onem2m/notification-parse.js';

const sgn = (inner: object) => JSON.stringify({ 'm2m:sgn': inner });

describe('oneM2M notification parsing', () => {
  it('recognises a verification request', () => {
    assert.deepEqual(parseNotification(sgn({ vrq: true, sur: '/cse-in/ae/commands/sub' })), { kind: 'verify', sur: '/cse-in/ae/commands/sub' });
  });

  it('reads a command whose con is a JSON string (ACME) or an object (Mobius)', () => {
    const con = { tag: 's/a/x/t', value: 5, ts: 1_700_000_000_000, id: 'c1' };
    const asString = parseNotification(sgn({ sur: 'x', nev: { rep: { 'm2m:cin': { con: JSON.stringify(con) } }, net: 3 } }));
    const asObject = parseNotification(sgn({ sur: 'x', nev: { rep: { 'm2m:cin': { con } }, net: 3 } }));
    for (const n of [asString, asObject]) assert.deepEqual(n, { kind: 'command', sur: 'x', tag: 's/a/x/t', value: 5, ts: 1_700_000_000_000, id: 'c1' });
  });

  it('falls back to the instance creation time and resource id when the command carries none', () => {
    const n = parseNotification(sgn({ sur: 'x', nev: { rep: { 'm2m:cin': { con: '{"tag":"t","value":true}', ct: '20250131T120000,250', ri: 'cin9' } } } }));
    assert.deepEqual(n, { kind: 'command', sur: 'x', tag: 't', value: true, ts: Date.UTC(2025, 0, 31, 12, 0, 0, 250), id: 'cin9' });
  });

  it('refuses what is not a usable notification, with a reason code', () => {
    const cases: [string, RegExp][] = [
      ['{{', /^not-json:/],
      ['[1]', /^not-sgn:/],
      [sgn({ sur: 'x' }), /^no-event:/],
      [sgn({ sur: 'x', nev: { rep: { 'm2m:cin': { con: 'plain text' } } } }), /^con-not-json:/],
      [sgn({ sur: 'x', nev: { rep: { 'm2m:cin': { con: '{"value":1}' } } } }), /^no-tag:/],
      [sgn({ sur: 'x', nev: { rep: { 'm2m:cin': { con: '{"tag":"t"}' } } } }), /^no-value:/],
    ];
    for (const [text, reason] of cases) {
      const n = parseNotification(text);
      assert.equal(n.kind, 'malformed', text);
      if (n.kind === 'malformed') assert.match(n.reason, reason);
    }
  });

  it('matches our subscription by structured path (with or without CSE-ID) or resource id', () => {
    assert.equal(isOurSubscription('/cse-in/ae/cmd/sub', '/cse-in/ae/cmd/sub', null), true);
    assert.equal(isOurSubscription('/id-in/cse-in/ae/cmd/sub', '/cse-in/ae/cmd/sub', null), true);
    assert.equal(isOurSubscription('/id-in/sub123', '/cse-in/ae/cmd/sub', 'sub123'), true);
    assert.equal(isOurSubscription('/cse-in/other/sub', '/cse-in/ae/cmd/sub', 'sub123'), false);
    assert.equal(isOurSubscription(null, '/cse-in/ae/cmd/sub', 'sub123'), false);
  });

  it('reads oneM2M timestamps as UTC and refuses other strings', () => {
    assert.equal(readOneM2mTime('20240101T000000'), Date.UTC(2024, 0, 1));
    assert.equal(readOneM2mTime('2024-01-01'), null);
  });
});
