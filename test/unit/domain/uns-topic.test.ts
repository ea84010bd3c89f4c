import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_TOPIC_PREFIX,
  assertValidTopicPrefix,
  bridgeStatusTopic,
  encodeUnsMessage,
  stringifyUnsPayload,
  toUnsPayload,
  topicProblem,
  unsTopic,
} from '../../../src-main/domain/uns-topic.js';
import type { TagSample } from '../../../src-main/contract/index.js';

const sample = (over: Partial<TagSample> = {}): TagSample => ({
  tagId: 'demo-site/utilities/pump-101/flow',
  ts: Date.UTC(2025, 0, 31, 12, 0, 0, 7),
  value: 42.5,
  quality: 'good',
  ...over,
});

describe('unsTopic', () => {
  it('puts the tag path under the prefix: <prefix>/<site>/<area>/<asset>/<tag>', () => {
    assert.equal(unsTopic('plantbridge', 'demo-site/utilities/pump-101/flow'), 'plantbridge/demo-site/utilities/pump-101/flow');
  });

  it('accepts a prefix of several levels', () => {
    assert.equal(unsTopic('acme/uns', 'a/b/c/d'), 'acme/uns/a/b/c/d');
  });

  it('uses plantbridge as the default prefix', () => {
    assert.equal(DEFAULT_TOPIC_PREFIX, 'plantbridge');
  });

  for (const [prefix, reason] of [
    ['plant/+', /wildcard/],
    ['plant/#', /wildcard/],
    ['pl+ant', /wildcard/],
    ['$SYS', /starts with "\$"/],
    ['', /empty/],
    ['plant//uns', /empty level/],
    ['/plant', /empty level/],
    ['plant/', /empty level/],
    ['pla\u0000nt', /NUL/],
  ] as const) {
    it(`rejects the prefix ${JSON.stringify(prefix)} with a reason`, () => {
      assert.throws(() => assertValidTopicPrefix(prefix), reason);
      assert.throws(() => unsTopic(prefix, 'a/b/c/d'), reason);
    });
  }

  it('rejects a tag id with a wildcard or an empty level', () => {
    assert.throws(() => unsTopic('plantbridge', 'a/b/+/d'), /tag id .* wildcard/);
    assert.throws(() => unsTopic('plantbridge', 'a/b//d'), /tag id .* empty level/);
  });

  it('rejects a topic longer than MQTT allows', () => {
    assert.match(topicProblem('x'.repeat(70_000)) ?? '', /65,535 bytes/);
  });

  it('names the retained bridge status topic <prefix>/_bridge/status', () => {
    assert.equal(bridgeStatusTopic('plantbridge'), 'plantbridge/_bridge/status');
  });
});

describe('toUnsPayload', () => {
  it('carries value, ISO 8601 UTC timestamp with milliseconds, quality and unit', () => {
    assert.deepEqual(toUnsPayload(sample(), { unit: 'm3/h' }), {
      value: 42.5,
      ts: '2025-01-31T12:00:00.007Z',
      quality: 'good',
      unit: 'm3/h',
    });
  });

  it('leaves the unit out when the tag has none or is unknown', () => {
    assert.equal('unit' in toUnsPayload(sample(), { unit: '' }), false);
    assert.equal('unit' in toUnsPayload(sample()), false);
  });

  it('keeps booleans, strings, null and every quality as they are', () => {
    assert.equal(toUnsPayload(sample({ value: true })).value, true);
    assert.equal(toUnsPayload(sample({ value: 'RUN' })).value, 'RUN');
    assert.equal(toUnsPayload(sample({ value: null, quality: 'stale' })).quality, 'stale');
    for (const quality of ['good', 'uncertain', 'bad', 'stale'] as const) {
      assert.equal(toUnsPayload(sample({ quality })).quality, quality);
    }
  });

  it('turns NaN and Infinity into null, which JSON can carry', () => {
    assert.equal(toUnsPayload(sample({ value: Number.NaN, quality: 'bad' })).value, null);
    assert.equal(toUnsPayload(sample({ value: Number.POSITIVE_INFINITY })).value, null);
  });

  it('refuses an invalid timestamp with a message naming the tag', () => {
    assert.throws(() => toUnsPayload(sample({ ts: Number.NaN })), /demo-site\/utilities\/pump-101\/flow .*invalid timestamp/);
  });
});

describe('stringifyUnsPayload / encodeUnsMessage', () => {
  it('produces JSON that parses back to the payload', () => {
    const text = encodeUnsMessage(sample(), { unit: 'm3/h' });
    assert.equal(text, stringifyUnsPayload(toUnsPayload(sample(), { unit: 'm3/h' })));
    assert.deepEqual(JSON.parse(text), { value: 42.5, ts: '2025-01-31T12:00:00.007Z', quality: 'good', unit: 'm3/h' });
  });
});

describe('encodeUnsMessage fast path', () => {
  it('writes exactly the text of JSON.stringify(toUnsPayload(...)) for every kind of value, unit and quality', () => {
    const values = [0, -0, 1, -2.5, 0.1 + 0.2, 1e21, 5e-324, Number.MAX_VALUE, NaN, Infinity, -Infinity, true, false, null,
      '', 'plain', 'quote " backslash \\ newline \n tab \t', 'ünïcödé 😀', 'lone \ud800', 'nul \u0000'];
    const units = [undefined, { unit: '' }, { unit: 'm³/h' }, { unit: 'say "bar"' }];
    const qualities = ['good', 'uncertain', 'bad', 'stale'] as const;
    for (const value of values) {
      for (const tag of units) {
        for (const quality of qualities) {
          const s = sample({ value, quality });
          assert.equal(encodeUnsMessage(s, tag), stringifyUnsPayload(toUnsPayload(s, tag)), `${String(value)} ${tag?.unit} ${quality}`);
        }
      }
    }
  });

  it('gives each timestamp its own ISO text, also when cached, and still refuses invalid ones', () => {
    const t = Date.UTC(2025, 0, 31, 12, 0, 0, 7);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 5000; i++) {
        assert.equal(JSON.parse(encodeUnsMessage(sample({ ts: t + i * 37 }))).ts, new Date(t + i * 37).toISOString());
      }
    }
    assert.throws(() => encodeUnsMessage(sample({ ts: Number.NaN })), RangeError);
    assert.throws(() => encodeUnsMessage(sample({ ts: 8.64e15 + 1 })), RangeError);
  });
});
