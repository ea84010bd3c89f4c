// HyperCat 3.0 catalogue building, search and paging (pure domain logic).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  catalogueItems,
  catalogueMetadata,
  HC,
  PB,
  searchCatalogue,
  type CatalogueLinks,
  type HypercatQuery,
} from '../../../src-main/domain/hypercat/index.js';
import { makeTag } from '../../fixtures/tags.js';

const links: CatalogueLinks = { apiBase: 'http://127.0.0.1:9/', mqttBase: 'mqtt://127.0.0.1:1883/uns', coapBase: null, description: 'test' };
const tags = [
  makeTag({ id: 'site/utilities/pump-1/flow', unit: 'm3/h', description: 'Pump "1" <flow> — Durchfluss' }),
  makeTag({ id: 'site/utilities/pump-1/temp', unit: 'degC' }),
  makeTag({ id: 'site/process/tank-1/temp', unit: 'degC' }),
  makeTag({ id: 'site/process/tank-1/level', unit: '%' }),
];
const items = catalogueItems(tags, links);
const q = (over: Partial<HypercatQuery>): HypercatQuery => ({ offset: 0, limit: 1000, ...over });
const val = (meta: { rel: string; val: string }[], rel: string) => meta.find((m) => m.rel === rel)?.val;
const search = (over: Partial<HypercatQuery>) => searchCatalogue(items, catalogueMetadata('test'), q(over), 'http://127.0.0.1:9/cat');

describe('HyperCat catalogue items', () => {
  it('gives every tag one item whose href is its current-value URL and whose vals are all strings', () => {
    assert.equal(items.length, tags.length);
    const flow = items.find((i) => val(i['item-metadata'], PB.tagId) === 'site/utilities/pump-1/flow');
    assert.equal(flow?.href, 'http://127.0.0.1:9/api/tags/value?tag=site%2Futilities%2Fpump-1%2Fflow');
    for (const i of items) for (const m of i['item-metadata']) assert.equal(typeof m.val, 'string', m.rel);
    assert.equal(val(flow?.['item-metadata'] ?? [], PB.writable), 'false');
  });

  it('links the MQTT stream when the uplink runs and no CoAP stream when the CoAP server is off', () => {
    const meta = items[0]?.['item-metadata'] ?? [];
    assert.match(val(meta, PB.mqttStream) ?? '', /^mqtt:\/\/127\.0\.0\.1:1883\/uns\/site\//);
    assert.equal(val(meta, PB.coapStream), undefined);
    const withCoap = catalogueItems(tags, { ...links, coapBase: 'coap://10.0.0.5:5683' });
    assert.equal(val(withCoap[0]?.['item-metadata'] ?? [], PB.coapStream), `coap://10.0.0.5:5683/tags/${val(withCoap[0]?.['item-metadata'] ?? [], PB.tagId)}`);
  });

  it('keeps descriptions with quotes, angle brackets and non-ASCII characters intact through JSON', () => {
    const back = JSON.parse(JSON.stringify(items)) as typeof items;
    const descriptions = back.map((i) => val(i['item-metadata'], HC.description));
    assert.ok(descriptions.includes('Pump "1" <flow> — Durchfluss'));
  });

  it('uses the tag id as the description of a tag that has none', () => {
    const temp = items.find((i) => val(i['item-metadata'], PB.tagId) === 'site/process/tank-1/temp');
    assert.equal(val(temp?.['item-metadata'] ?? [], HC.description), 'site/process/tank-1/temp');
  });
});

describe('HyperCat search and paging', () => {
  it('finds exactly the items with a rel/val pair (simple search)', () => {
    const r = search({ rel: PB.unit, val: 'degC' });
    assert.deepEqual(r.items.map((i) => val(i['item-metadata'], PB.tagId)).sort(), ['site/process/tank-1/temp', 'site/utilities/pump-1/temp']);
    assert.equal(val(r['catalogue-metadata'], HC.pagingNumFound), '2');
  });

  it('matches href exactly and answers an unknown href with no items', () => {
    const href = items[1]?.href ?? '';
    assert.deepEqual(search({ href }).items.map((i) => i.href), [href]);
    assert.deepEqual(search({ href: 'http://elsewhere/x' }).items, []);
  });

  it('filters by prefix of href, rel and val', () => {
    const r = search({ 'prefix-rel': PB.tagId, 'prefix-val': 'site/process/' });
    assert.equal(r.items.length, 2);
    assert.equal(search({ 'prefix-href': 'http://127.0.0.1:9/api/tags/value?tag=site%2Futilities' }).items.length, 2);
  });

  it('pages with offset and limit and links the next page until the last', () => {
    const first = search({ limit: 3 });
    assert.equal(first.items.length, 3);
    assert.equal(val(first['catalogue-metadata'], HC.pagingItemLimit), '3');
    const next = val(first['catalogue-metadata'], PB.nextPage);
    assert.equal(next, 'http://127.0.0.1:9/cat?offset=3&limit=3');
    const last = search({ offset: 3, limit: 3 });
    assert.equal(last.items.length, 1);
    assert.equal(val(last['catalogue-metadata'], PB.nextPage), undefined);
    assert.equal(new Set([...first.items, ...last.items].map((i) => i.href)).size, 4);
  });

  it('advertises the catalogue content type, description, search and paging', () => {
    const meta = search({})['catalogue-metadata'];
    assert.equal(val(meta, HC.contentType), 'application/vnd.hypercat.catalogue+json');
    assert.equal(val(meta, HC.description), 'test');
    assert.deepEqual(meta.filter((m) => m.rel === HC.supportsSearch).map((m) => m.val), [HC.searchSimple, HC.searchPrefix]);
  });
});
