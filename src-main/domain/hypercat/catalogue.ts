// Builds the HyperCat 3.0 catalogue of the bridged tags: one item per tag, its href the tag's current-value URL
// on the API, its metadata (description, content type, unit, OPC UA NodeId, asset, stream URLs) all strings.
import type { HypercatCatalogue, HypercatItem, HypercatRelVal, TagDto } from '../../contract/index.js';
import { CATALOGUE_CONTENT_TYPE, HC, PB } from './rels.js';

export type { HypercatCatalogue, HypercatItem, HypercatRelVal };

export interface CatalogueLinks {
  /** Absolute base URL of the API listener, ending in `/` (e.g. `http://127.0.0.1:8080/`). */
  apiBase: string;
  /** `mqtt://host:port/<prefix>` when the MQTT JSON uplink runs, else null. */
  mqttBase: string | null;
  /** `coap://host:port` when the local CoAP server runs, else null. */
  coapBase: string | null;
  /** Catalogue description shown to consumers. */
  description: string;
}

/** The tag's current-value URL: `GET <api>/api/tags/value?tag=<id>`. */
export function tagValueHref(apiBase: string, tagId: string): string {
  return `${apiBase}api/tags/value?tag=${encodeURIComponent(tagId)}`;
}

/** Tag ids are `site/area/asset/tag` of URL-safe characters, so each level goes into a path as is. */
function joinPath(base: string, tagId: string): string {
  return `${base.replace(/\/+$/, '')}/${tagId.split('/').map(encodeURIComponent).join('/')}`;
}

export function catalogueItem(tag: TagDto, links: CatalogueLinks): HypercatItem {
  const meta: HypercatRelVal[] = [
    { rel: HC.description, val: tag.description.trim() !== '' ? tag.description : tag.id },
    { rel: HC.contentType, val: 'application/json' },
    { rel: PB.tagId, val: tag.id },
    { rel: PB.site, val: tag.site },
    { rel: PB.area, val: tag.area },
    { rel: PB.asset, val: tag.asset },
    { rel: PB.nodeId, val: tag.nodeId },
    { rel: PB.sourceId, val: tag.sourceId },
    { rel: PB.dataType, val: tag.dataType },
    { rel: PB.writable, val: String(tag.writable) },
  ];
  if (tag.unit !== '') meta.push({ rel: PB.unit, val: tag.unit });
  if (links.mqttBase !== null) meta.push({ rel: PB.mqttStream, val: joinPath(links.mqttBase, tag.id) });
  if (links.coapBase !== null) meta.push({ rel: PB.coapStream, val: joinPath(`${links.coapBase}/tags`, tag.id) });
  return { href: tagValueHref(links.apiBase, tag.id), 'item-metadata': meta };
}

/** Every tag as an item, sorted by href (stable paging); duplicate hrefs cannot occur since tag ids are unique. */
export function catalogueItems(tags: readonly TagDto[], links: CatalogueLinks): HypercatItem[] {
  const items = tags.map((t) => catalogueItem(t, links));
  items.sort((a, b) => (a.href < b.href ? -1 : a.href > b.href ? 1 : 0));
  return items;
}

/** The catalogue's own metadata: content type, description and the search/paging it supports. */
export function catalogueMetadata(description: string): HypercatRelVal[] {
  return [
    { rel: HC.contentType, val: CATALOGUE_CONTENT_TYPE },
    { rel: HC.description, val: description },
    { rel: HC.supportsSearch, val: HC.searchSimple },
    { rel: HC.supportsSearch, val: HC.searchPrefix },
    { rel: HC.supportsPaging, val: 'true' },
  ];
}
