// HyperCat 3.0 catalogue at GET /cat of a real `plantbridge serve` with its simulator: valid by a JSON Schema of
// the HyperCat 3.0 rules, hrefs resolve to current values, simple/prefix search, paging over 10,000 tags, read-only,
// and refused without credentials when users are configured.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import type { HypercatCatalogue, TagDto, TagValueDto } from '../../src-main/contract/index.js';
import { hashPassword } from '../../src-main/adapters/auth/password-hash.js';
import { startServe, type ServeProcess } from '../fixtures/serve-process.js';
import { waitFor } from '../fixtures/wait-for.js';

const schema = JSON.parse(readFileSync(new URL('../fixtures/hypercat-3.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const UNIT = 'urn:X-plantbridge:rels:unit';
const TAG_ID = 'urn:X-plantbridge:rels:tagId';
const DESCRIPTION_TAG = 'demo-site/utilities/pump-101/flow';
const TRICKY = 'Pump "101" <discharge> flow — Durchfluß ✓';

function assertValid(cat: unknown): asserts cat is HypercatCatalogue {
  assert.ok(validate(cat), JSON.stringify(validate.errors?.slice(0, 5)));
  const hrefs = (cat as HypercatCatalogue).items.map((i) => i.href);
  assert.equal(new Set(hrefs).size, hrefs.length, 'hrefs are unique');
}
const meta = (cat: HypercatCatalogue, rel: string) => cat['catalogue-metadata'].find((m) => m.rel === rel)?.val;
const itemVal = (item: HypercatCatalogue['items'][number], rel: string) => item['item-metadata'].find((m) => m.rel === rel)?.val;

describe('the HyperCat catalogue of a running bridge', () => {
  let serve: ServeProcess;
  let tags: TagDto[];
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(new URL(path, serve.url));
    assert.equal(res.status, 200, `${path}: ${res.status}`);
    return (await res.json()) as T;
  };

  before(async () => {
    serve = await startServe({
      extraArgs: ['--mqtt-url', 'embedded', '--mqtt-port', '0'],
      project: { tagSettings: { [DESCRIPTION_TAG]: { description: TRICKY } } },
    });
    tags = await waitFor('the simulator tags', async () => {
      const list = await get<TagDto[]>('/api/tags');
      return list.length > 0 ? list : undefined;
    });
  });

  after(async () => {
    await serve?.stop();
  });

  it('lists every tag in a catalogue valid under the HyperCat 3.0 rules', async () => {
    const cat = await get<unknown>('/cat');
    assertValid(cat);
    assert.equal(cat.items.length, tags.length);
    assert.deepEqual(new Set(cat.items.map((i) => itemVal(i, TAG_ID))), new Set(tags.map((t) => t.id)));
    for (const item of cat.items) {
      assert.match(itemVal(item, 'urn:X-plantbridge:rels:opcuaNodeId') ?? '', /^ns=1;s=/);
      assert.match(itemVal(item, 'urn:X-plantbridge:rels:hasMqttStream') ?? '', /^mqtt:\/\/127\.0\.0\.1:\d+\/plantbridge\/demo-site\//);
    }
  });

  it('gives hrefs that answer with the tag current value', async () => {
    const cat = await get<HypercatCatalogue>('/cat');
    const sample = await waitFor('a value behind every href', async () => {
      const values = await Promise.all(cat.items.slice(0, 10).map(async (i) => (await (await fetch(i.href)).json()) as TagValueDto));
      return values.every((v) => v.sample !== null) ? values : undefined;
    });
    for (const v of sample) assert.equal(typeof v.sample?.ts, 'number');
  });

  it('keeps a description with quotes, angle brackets and non-ASCII characters intact', async () => {
    const cat = await get<HypercatCatalogue>(`/cat?rel=${encodeURIComponent(TAG_ID)}&val=${encodeURIComponent(DESCRIPTION_TAG)}`);
    assert.equal(cat.items.length, 1);
    assert.equal(itemVal(cat.items[0]!, 'urn:X-hypercat:rels:hasDescription:en'), TRICKY);
  });

  it('finds exactly the tags of one unit (simple search) and ignores unknown parameters', async () => {
    const cat = await get<unknown>(`/cat?rel=${encodeURIComponent(UNIT)}&val=%C2%B0C&colour=blue`);
    assertValid(cat);
    const expected = tags.filter((t) => t.unit === '°C').map((t) => t.id).sort();
    assert.ok(expected.length > 0);
    assert.deepEqual(cat.items.map((i) => itemVal(i, TAG_ID)).sort(), expected);
  });

  it('filters by href prefix and answers an unknown href with an empty item list', async () => {
    const prefix = new URL('/api/tags/value?tag=demo-site%2Futilities%2Fpump-101', serve.url).href;
    const cat = await get<HypercatCatalogue>(`/cat?prefix-href=${encodeURIComponent(prefix)}`);
    assert.deepEqual(cat.items.map((i) => itemVal(i, TAG_ID)).sort(), tags.filter((t) => t.id.startsWith('demo-site/utilities/pump-101')).map((t) => t.id).sort());
    const none = await get<unknown>('/cat?href=http%3A%2F%2Fnowhere%2Fx');
    assertValid(none);
    assert.deepEqual(none.items, []);
  });

  it('is read-only: POST, PUT and DELETE on /cat are refused', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await fetch(new URL('/cat', serve.url), { method, body: method === 'DELETE' ? null : '{}' });
      assert.equal(res.status, 405, method);
      await res.body?.cancel();
    }
  });
});

describe('the HyperCat catalogue with 10,000 extra tags', { timeout: 180_000 }, () => {
  let serve: ServeProcess;
  before(async () => {
    serve = await startServe({ extraArgs: ['--sim-tags', '10000'], timeoutMs: 120_000 });
  });
  after(async () => {
    await serve?.stop();
  });

  it('pages with offset and limit, following next links through every item once', async () => {
    const first = await waitFor('10,000+ items', async () => {
      const c = (await (await fetch(new URL('/cat?limit=2500', serve.url))).json()) as HypercatCatalogue;
      return Number(meta(c, 'urn:X-hypercat:rels:pagingNumFound')) >= 10_000 ? c : undefined;
    }, 120_000);
    assertValid(first);
    assert.equal(first.items.length, 2500);
    assert.equal(meta(first, 'urn:X-hypercat:rels:pagingItemLimit'), '2500');
    const total = Number(meta(first, 'urn:X-hypercat:rels:pagingNumFound'));
    const seen = new Set(first.items.map((i) => i.href));
    let next = meta(first, 'urn:X-plantbridge:rels:nextPage');
    while (next !== undefined) {
      const page = (await (await fetch(next)).json()) as HypercatCatalogue;
      assertValid(page);
      assert.ok(page.items.length <= 2500);
      for (const i of page.items) seen.add(i.href);
      next = meta(page, 'urn:X-plantbridge:rels:nextPage');
    }
    assert.equal(seen.size, total);
  });
});

describe('the HyperCat catalogue when users are configured', () => {
  let serve: ServeProcess;
  before(async () => {
    serve = await startServe({ project: { users: [{ username: 'viewer', passwordHash: hashPassword('pw-viewer-1'), roles: ['viewer'] }] } });
  });
  after(async () => {
    await serve?.stop();
  });

  it('refuses requests without credentials and serves a viewer who signs in', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const res = await fetch(new URL('/cat', serve.url), { method });
      assert.equal(res.status, 401, method);
      await res.body?.cancel();
    }
    const authorization = `Basic ${Buffer.from('viewer:pw-viewer-1').toString('base64')}`;
    const res = await fetch(new URL('/cat', serve.url), { headers: { authorization } });
    assert.equal(res.status, 200);
    assertValid(await res.json());
  });
});
