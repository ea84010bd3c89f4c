// HyperCat 3.0 simple search (`href`, `rel`, `val`), prefix search (`prefix-href`, `prefix-rel`, `prefix-val`) and
// paging (`offset`, `limit`) over catalogue items. All filters given must match (AND); rel and val match within
// the same metadata pair. Pure: the host hands in the items and the query.
import { CATALOGUE_CONTENT_TYPE, HC, PB } from './rels.js';
import type { HypercatCatalogue, HypercatItem, HypercatRelVal } from './catalogue.js';

export interface HypercatQuery {
  href?: string | undefined;
  rel?: string | undefined;
  val?: string | undefined;
  'prefix-href'?: string | undefined;
  'prefix-rel'?: string | undefined;
  'prefix-val'?: string | undefined;
  offset: number;
  /** At most this many items; the next page is linked in the catalogue metadata. */
  limit: number;
}

function pairMatches(m: HypercatRelVal, rel: string | undefined, val: string | undefined, prefix: boolean): boolean {
  const test = (actual: string, wanted: string | undefined) =>
    wanted === undefined || (prefix ? actual.startsWith(wanted) : actual === wanted);
  return test(m.rel, rel) && test(m.val, val);
}

export function itemMatches(item: HypercatItem, q: HypercatQuery): boolean {
  if (q.href !== undefined && item.href !== q.href) return false;
  if (q['prefix-href'] !== undefined && !item.href.startsWith(q['prefix-href'])) return false;
  const meta = item['item-metadata'];
  if ((q.rel !== undefined || q.val !== undefined) && !meta.some((m) => pairMatches(m, q.rel, q.val, false))) return false;
  if ((q['prefix-rel'] !== undefined || q['prefix-val'] !== undefined) && !meta.some((m) => pairMatches(m, q['prefix-rel'], q['prefix-val'], true))) {
    return false;
  }
  return true;
}

const SEARCH_KEYS = ['href', 'rel', 'val', 'prefix-href', 'prefix-rel', 'prefix-val'] as const;

/** The search page: matching items from `offset`, at most `limit`, with the paging rels and a next-page link. */
export function searchCatalogue(
  all: readonly HypercatItem[],
  baseMetadata: readonly HypercatRelVal[],
  q: HypercatQuery,
  selfUrl: string,
): HypercatCatalogue {
  const filtering = SEARCH_KEYS.some((k) => q[k] !== undefined);
  const found = filtering ? all.filter((i) => itemMatches(i, q)) : all;
  const items = found.slice(q.offset, q.offset + q.limit);
  const meta: HypercatRelVal[] = baseMetadata.filter((m) => m.rel !== HC.contentType);
  meta.unshift({ rel: HC.contentType, val: CATALOGUE_CONTENT_TYPE });
  meta.push(
    { rel: HC.pagingOffset, val: String(q.offset) },
    { rel: HC.pagingItemLimit, val: String(q.limit) },
    { rel: HC.pagingNumFound, val: String(found.length) },
  );
  if (q.offset + items.length < found.length) meta.push({ rel: PB.nextPage, val: pageUrl(selfUrl, q, q.offset + q.limit) });
  return { 'catalogue-metadata': meta, items };
}

/** The same search at another offset. */
export function pageUrl(selfUrl: string, q: HypercatQuery, offset: number): string {
  const params = new URLSearchParams();
  for (const k of SEARCH_KEYS) {
    const v = q[k];
    if (v !== undefined) params.set(k, v);
  }
  params.set('offset', String(offset));
  params.set('limit', String(q.limit));
  return `${selfUrl}?${params.toString()}`;
}
