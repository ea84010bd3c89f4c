import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchRoute, parseArgs, queryArgs } from '../../../src-main/host/http-routes.js';
import { RequestError } from '../../../src-main/host/request-error.js';

function statusOf(fn: () => unknown): number {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof RequestError);
    return err.status;
  }
  return 200;
}

describe('HTTP routes of the contract', () => {
  it('maps paths with parameters onto requests', () => {
    assert.deepEqual(matchRoute('POST', '/api/alarms/s%2Fa%2Fb%2Fc%23HH/ack'), { name: 'ackAlarm', params: { id: 's/a/b/c#HH' } });
    assert.deepEqual(matchRoute('GET', '/api/alarms/journal'), { name: 'alarmJournal', params: {} });
    assert.equal(matchRoute('GET', '/api/health').name, 'health');
  });

  it('answers 404 for unknown paths and 405 for the wrong method', () => {
    assert.equal(statusOf(() => matchRoute('GET', '/api/nothing')), 404);
    assert.equal(statusOf(() => matchRoute('DELETE', '/api/health')), 405);
    assert.equal(statusOf(() => matchRoute('GET', '/api/alarms/x/ack')), 405);
  });

  it('validates history arguments and names the bad field', () => {
    const err = (() => {
      try {
        parseArgs('history', { tag: 's/a/b/c', from: '10', to: '5' });
      } catch (e) {
        return e as RequestError;
      }
      return null;
    })();
    assert.equal(err?.status, 400);
    assert.match(err?.message ?? '', /from: `from` must be before `to`/);
    assert.deepEqual(parseArgs('history', { tag: 's/a/b/c', from: '1', to: '5' }), {
      tag: 's/a/b/c',
      from: 1,
      to: 5,
      points: 1000,
      mode: 'avg',
    });
    assert.equal(statusOf(() => parseArgs('history', { tag: 's/a/b/c', from: '1', to: '5', points: '1000000' })), 400);
    assert.equal(statusOf(() => parseArgs('history', { tag: 'a/#', from: '1', to: '5' })), 400);
  });

  it('refuses repeated and prototype-polluting query parameters', () => {
    assert.equal(statusOf(() => queryArgs(new URLSearchParams('tag=a&tag=b'))), 400);
    assert.equal(statusOf(() => queryArgs(new URLSearchParams('__proto__=x'))), 400);
  });

  it('refuses writes with non-JSON-scalar values', () => {
    assert.equal(statusOf(() => parseArgs('writeTag', { tag: 's/a/b/c', value: { nested: 1 } })), 400);
    assert.equal(statusOf(() => parseArgs('writeTag', { tag: 's/a/b/c' })), 400);
  });
});
