// The catalogue service follows the tag catalog: tags added or removed show on the very next request.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHypercatService } from '../../../src-main/host/hypercat-catalogue.js';
import { TagCatalog } from '../../../src-main/services/tag-catalog.js';
import { makeTag } from '../../fixtures/tags.js';

describe('the HyperCat catalogue service', () => {
  it('shows added tags and drops removed ones on the next request', () => {
    const catalog = new TagCatalog({});
    const service = createHypercatService({
      catalog,
      links: () => ({ apiBase: 'http://127.0.0.1:1/', mqttBase: null, coapBase: null, description: 'd' }),
    });
    try {
      const hrefs = () => service.query({ offset: 0, limit: 100 }).items.map((i) => i.href);
      catalog.setSourceTags('a', [makeTag({ id: 's/a/x/one' })]);
      assert.deepEqual(hrefs(), ['http://127.0.0.1:1/api/tags/value?tag=s%2Fa%2Fx%2Fone']);
      catalog.setSourceTags('a', [makeTag({ id: 's/a/x/one' }), makeTag({ id: 's/a/x/two' })]);
      assert.equal(hrefs().length, 2);
      catalog.setSourceTags('a', [makeTag({ id: 's/a/x/two' })]);
      assert.deepEqual(hrefs(), ['http://127.0.0.1:1/api/tags/value?tag=s%2Fa%2Fx%2Ftwo']);
    } finally {
      service.dispose();
    }
  });
});
