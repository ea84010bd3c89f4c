import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TagCatalog } from '../../../src-main/services/tag-catalog.js';
import { makeTag } from '../../fixtures/tags.js';

describe('tag catalog', () => {
  it('puts a tag on the write allow-list only when the project says so, whatever the server allows', () => {
    const catalog = new TagCatalog({ 's/a/p/setpoint': { writable: true } });
    catalog.setSourceTags('src', [makeTag({ id: 's/a/p/setpoint', writable: true }), makeTag({ id: 's/a/p/flow', writable: true })]);
    assert.equal(catalog.get('s/a/p/setpoint')?.writable, true);
    assert.equal(catalog.get('s/a/p/flow')?.writable, false);
  });

  it('applies alarm limits and units from the project over what was discovered', () => {
    const catalog = new TagCatalog({ 's/a/p/flow': { unit: 'm³/h', alarms: { H: 5, deadband: 0.5, priority: 2 } } });
    catalog.setSourceTags('src', [makeTag({ id: 's/a/p/flow', unit: 'm3/h' })]);
    assert.equal(catalog.get('s/a/p/flow')?.unit, 'm³/h');
    assert.deepEqual(catalog.get('s/a/p/flow')?.alarms, { H: 5, deadband: 0.5, priority: 2 });
  });

  it('notifies listeners with the full list when a source (re)discovers its tags', () => {
    const catalog = new TagCatalog({});
    const seen: number[] = [];
    catalog.onChange((tags) => seen.push(tags.length));
    catalog.setSourceTags('one', [makeTag({ id: 's/a/p/x' })]);
    catalog.setSourceTags('two', [makeTag({ id: 's/a/q/y' }), makeTag({ id: 's/a/p/x' })]);
    assert.deepEqual(seen, [1, 2]);
    assert.equal(catalog.get('s/a/p/x')?.sourceId, 'src');
  });
});
