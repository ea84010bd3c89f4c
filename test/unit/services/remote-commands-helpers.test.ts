import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { StatusCodes } from 'node-opcua-status-code';
import { createReplayMemory } from '../../../src-main/services/remote-commands/replay-memory.js';
import { createTagRateLimiter } from '../../../src-main/services/remote-commands/tag-rate-limiter.js';

describe('replay memory', () => {
  it('knows a key until it expires, then forgets it', () => {
    const memory = createReplayMemory(10);
    assert.equal(memory.remember(['a', 'b'], 1000, 0), 'fresh');
    assert.equal(memory.remember(['b'], 2000, 10), 'replay');
    assert.equal(memory.remember(['b'], 2000, 1000), 'fresh', 'expired at 1000');
  });

  it('records nothing for a replay (a replayed key cannot extend another key’s life)', () => {
    const memory = createReplayMemory(10);
    memory.remember(['a'], 100, 0);
    assert.equal(memory.remember(['x', 'a'], 5000, 1), 'replay');
    assert.equal(memory.remember(['x'], 5000, 2), 'fresh');
  });

  it('is bounded: full of live entries it answers full, and frees space as they expire', () => {
    const memory = createReplayMemory(3);
    assert.equal(memory.remember(['a', 'b'], 100, 0), 'fresh');
    assert.equal(memory.remember(['c', 'd'], 100, 1), 'full');
    assert.equal(memory.size(), 2);
    assert.equal(memory.remember(['c', 'd'], 300, 100), 'fresh');
    assert.equal(memory.size(), 2);
  });
});

describe('per-tag rate limiter', () => {
  it('allows perSecond per second per tag, refusing the excess', () => {
    const limiter = createTagRateLimiter(2);
    assert.deepEqual([0, 1, 2].map(() => limiter.tryTake('t', 0)), [true, true, false]);
    assert.equal(limiter.tryTake('other', 0), true, 'another tag has its own budget');
    assert.equal(limiter.tryTake('t', 500), true, 'half a second refills one');
    assert.equal(limiter.tryTake('t', 500), false);
  });

  it('handles fractional rates (0.5 per second: one every two seconds)', () => {
    const limiter = createTagRateLimiter(0.5);
    assert.equal(limiter.tryTake('t', 0), true);
    assert.equal(limiter.tryTake('t', 1000), false);
    assert.equal(limiter.tryTake('t', 2000), true);
  });
});

describe('status code names', () => {
  it('every status the remote command service answers with is a real OPC UA status code', () => {
    const source = ['remote-commands.ts', 'remote-commands/command-policy.ts']
      .map((file) => readFileSync(new URL(`../../../src-main/services/${file}`, import.meta.url), 'utf8'))
      .join('\n');
    const names = new Set(source.match(/'(Bad|Good|Uncertain)[A-Za-z]*'/g)?.map((s) => s.slice(1, -1)) ?? []);
    names.delete('Good'); // the prefix test for success
    assert.ok(names.size >= 8, [...names].join(', '));
    for (const name of names) assert.ok(name in StatusCodes, `${name} is not an OPC UA status code`);
  });
});
