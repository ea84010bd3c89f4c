import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SourceStatus, TagValue } from '../../../src-main/contract/index.js';
import type { TagDef } from '../../../src-main/domain/tags.js';
import { createCommandGate } from '../../../src-main/services/command-gate.js';
import type { OpcuaSource } from '../../../src-main/services/ports.js';
import { TagCatalog } from '../../../src-main/services/tag-catalog.js';
import { FakeStore } from '../../fixtures/fake-store.js';
import { makeTag } from '../../fixtures/tags.js';

const log = { debug() {}, info() {}, warn() {}, error() {} };

function fakeSource(answer = 'Good', state: SourceStatus['state'] = 'connected') {
  const writes: { tag: string; value: TagValue }[] = [];
  const source = {
    id: 'src',
    status: () => ({ state }) as SourceStatus,
    read: async () => 40,
    write: async (tag: TagDef, value: TagValue) => {
      writes.push({ tag: tag.id, value });
      return { status: answer };
    },
  } as unknown as OpcuaSource;
  return { source, writes };
}

function setup(answer?: string, state?: SourceStatus['state']) {
  const catalog = new TagCatalog({ 's/a/pump/setpoint': { writable: true } });
  catalog.setSourceTags('src', [
    makeTag({ id: 's/a/pump/setpoint', euRange: { low: 0, high: 100 } }),
    makeTag({ id: 's/a/pump/flow' }),
  ]);
  const store = new FakeStore();
  const { source, writes } = fakeSource(answer, state);
  let now = 1_000;
  const gate = createCommandGate({ catalog, sourceFor: () => source, store, clock: { now: () => now++ }, log });
  return { gate, store, writes };
}

const request = (tag: string, value: TagValue) => ({ tag, value, user: 'ana', via: 'http' });

describe('command gate', () => {
  it('audits an accepted write before and after it reaches the source, with old and new values', async () => {
    const { gate, store, writes } = setup();
    const r = await gate.write(request('s/a/pump/setpoint', 60));
    assert.equal(r.status, 'Good');
    assert.deepEqual(writes, [{ tag: 's/a/pump/setpoint', value: 60 }]);
    assert.deepEqual(
      store.audit.map((a) => [a.status, a.oldValue, a.newValue, a.user]),
      [
        ['requested', 40, 60, 'ana'],
        ['Good', 40, 60, 'ana'],
      ],
    );
  });

  it('refuses tags not on the allow-list and writes nothing, but audits the refusal', async () => {
    const { gate, store, writes } = setup();
    const r = await gate.write(request('s/a/pump/flow', 1));
    assert.equal(r.status, 'BadNotWritable');
    assert.equal(writes.length, 0);
    assert.equal(store.audit[0]?.status, 'BadNotWritable');
    assert.equal(gate.counters().rejected, 1);
  });

  it('refuses out-of-range and wrong-type values before the source sees them', async () => {
    const { gate, writes } = setup();
    assert.equal((await gate.write(request('s/a/pump/setpoint', 101))).status, 'BadOutOfRange');
    assert.equal((await gate.write(request('s/a/pump/setpoint', 'fast'))).status, 'BadTypeMismatch');
    assert.equal(writes.length, 0);
  });

  it('reports the source’s own refusal instead of an early Good', async () => {
    const { gate, store } = setup('BadUserAccessDenied');
    const r = await gate.write(request('s/a/pump/setpoint', 10));
    assert.equal(r.status, 'BadUserAccessDenied');
    assert.equal(store.audit.at(-1)?.status, 'BadUserAccessDenied');
  });

  it('refuses writes while the source is disconnected', async () => {
    const { gate, writes } = setup('Good', 'reconnecting');
    assert.equal((await gate.write(request('s/a/pump/setpoint', 10))).status, 'BadNoCommunication');
    assert.equal(writes.length, 0);
  });

  it('rate-limits a flood of writes to one tag', async () => {
    const { gate, writes } = setup();
    const results = [];
    for (let i = 0; i < 8; i++) results.push((await gate.write(request('s/a/pump/setpoint', i))).status);
    assert.equal(results.filter((s) => s === 'BadTooManyOperations').length, 3);
    assert.equal(writes.length, 5);
  });
});
