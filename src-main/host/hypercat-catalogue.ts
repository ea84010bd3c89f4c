// Serves the HyperCat 3.0 catalogue (`GET /cat`, `GET /api/cat`): the items are built from the tag catalog once
// per change (cache dropped on every catalog change, so added/removed tags show on the next request) and searched
// and paged per request. Links point at this API listener and, when they run, the MQTT and CoAP streams.
import type { HypercatCatalogue } from '../contract/index.js';
import {
  catalogueItems,
  catalogueMetadata,
  searchCatalogue,
  type CatalogueLinks,
  type HypercatItem,
  type HypercatQuery,
} from '../domain/hypercat/index.js';
import type { TagCatalog } from '../services/tag-catalog.js';
import type { ProjectConfig } from './config-schema.js';

export interface HypercatService {
  query(q: HypercatQuery): HypercatCatalogue;
  dispose(): void;
}

export interface HypercatDeps {
  catalog: TagCatalog;
  /** Resolved at request time: the API URL is known only once the HTTP server listens. */
  links: () => CatalogueLinks;
}

export function createHypercatService(d: HypercatDeps): HypercatService {
  let cache: { key: string; items: HypercatItem[] } | null = null;
  const sub = d.catalog.onChange(() => {
    cache = null;
  });
  return {
    query(q) {
      const links = d.links();
      const key = `${links.apiBase}\n${links.mqttBase ?? ''}\n${links.coapBase ?? ''}`;
      if (cache === null || cache.key !== key) cache = { key, items: catalogueItems(d.catalog.all(), links) };
      return searchCatalogue(cache.items, catalogueMetadata(links.description), q, `${links.apiBase}cat`);
    },
    dispose: () => sub.dispose(),
  };
}

/** `mqtt://host:port/<prefix>` without credentials, when the MQTT JSON uplink runs; else null. */
export function mqttStreamBase(project: ProjectConfig, brokerUrl: string | null): string | null {
  if (brokerUrl === null || !project.mqtt.json) return null;
  try {
    const u = new URL(brokerUrl);
    u.username = '';
    u.password = '';
    return `${u.protocol}//${u.host}/${project.mqtt.topicPrefix}`;
  } catch {
    return null;
  }
}

/** The API base for hrefs: the configured public URL, else the listener's own URL. Always ends in `/`. */
export function apiBaseUrl(project: ProjectConfig, listenerUrl: string): string {
  const base = project.hypercat.publicUrl ?? listenerUrl;
  return base.endsWith('/') ? base : `${base}/`;
}
