import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTagId, commandTopicFilter, commandTopicFor, parseCommandTopic } from '../../../../src-main/domain/remote-command/index.js';

const PREFIX = 'plantbridge/uns';

describe('JSON command topic', () => {
  it('names the tag site/area/asset/tag from <prefix>/<site>/<area>/<asset>/<tag>/set', () => {
    assert.deepEqual(parseCommandTopic('plantbridge/uns/demo-site/utilities/pump-101/speed_sp/set', PREFIX), {
      ok: true,
      tag: 'demo-site/utilities/pump-101/speed_sp',
    });
  });

  it('accepts a single-level prefix and builds the matching filter and topic', () => {
    assert.equal(commandTopicFilter('pb'), 'pb/+/+/+/+/set');
    assert.equal(commandTopicFor('pb', 's/a/b/c'), 'pb/s/a/b/c/set');
    assert.deepEqual(parseCommandTopic('pb/s/a/b/c/set', 'pb'), { ok: true, tag: 's/a/b/c' });
  });

  const malformedTopics: [string, string, string][] = [
    ['a + wildcard level', 'plantbridge/uns/s/+/b/c/set', 'topic-wildcard'],
    ['a # wildcard', 'plantbridge/uns/s/a/b/#', 'topic-wildcard'],
    ['a + inside a level', 'plantbridge/uns/s/a/b/c+d/set', 'topic-wildcard'],
    ['an empty level (double slash)', 'plantbridge/uns/s//b/c/set', 'topic-empty-level'],
    ['a trailing slash', 'plantbridge/uns/s/a/b/c/set/', 'topic-empty-level'],
    ['a leading slash', '/plantbridge/uns/s/a/b/c/set', 'topic-empty-level'],
    ['NUL in a level', 'plantbridge/uns/s/a/b/c\u0000/set', 'topic-nul'],
    ['a __proto__ level', 'plantbridge/uns/s/a/__proto__/c/set', 'topic-forbidden-level'],
    ['a constructor level', 'plantbridge/uns/constructor/a/b/c/set', 'topic-forbidden-level'],
    ['a prototype level', 'plantbridge/uns/s/a/b/prototype/set', 'topic-forbidden-level'],
    ['a .. level', 'plantbridge/uns/s/../b/c/set', 'topic-bad-level'],
    ['a space in a level', 'plantbridge/uns/s/a b/b/c/set', 'topic-bad-level'],
    ['a $ level', 'plantbridge/uns/$SYS/a/b/c/set', 'topic-bad-level'],
    ['a level longer than 64 characters', `plantbridge/uns/s/a/b/${'x'.repeat(65)}/set`, 'topic-bad-level'],
    ['another prefix', 'other/uns/s/a/b/c/set', 'topic-prefix'],
    ['the prefix only in part', 'plantbridge/s/a/b/c/set', 'topic-prefix'],
    ['a tag name with a slash (one level too many)', 'plantbridge/uns/s/a/b/c/d/set', 'topic-shape'],
    ['one level too few', 'plantbridge/uns/s/a/b/set', 'topic-shape'],
    ['a suffix other than set', 'plantbridge/uns/s/a/b/c/get', 'topic-shape'],
    ['a 2 kB topic', `plantbridge/uns/${'a/'.repeat(1000)}set`, 'topic-too-long'],
  ];
  for (const [what, topic, code] of malformedTopics) {
    it(`refuses ${what} as ${code}`, () => {
      const r = parseCommandTopic(topic, PREFIX);
      assert.equal(r.ok, false);
      assert.equal(!r.ok && r.code, code);
    });
  }

  it('refuses every topic when the configured prefix itself breaks the tag path rules', () => {
    const r = parseCommandTopic('my prefix/s/a/b/c/set', 'my prefix');
    assert.equal(!r.ok && r.code, 'topic-bad-level');
  });
});

describe('tag ids handed over by other transports', () => {
  it('accepts site/area/asset/name and refuses other shapes, wildcards and __proto__', () => {
    assert.equal(checkTagId('s/a/b/c'), null);
    for (const bad of ['s/a/b', 's/a/b/c/d', 's/a/+/c', 's/a/#/c', 's/a/__proto__/c', 's//b/c', '']) {
      assert.equal(checkTagId(bad)?.code, 'bad-tag-name', bad);
    }
  });
});
