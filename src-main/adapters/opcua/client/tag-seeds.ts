// Turns configured and browsed tags into seeds (tags before their metadata is read), rejecting bad ones with a reason.
import { isValidTagLevel, tagPath } from '../../../domain/tags.js';
import type { Log } from '../../../services/ports.js';
import type { DiscoveredTagPath } from './browse-tags.js';
import type { BrowseOptions, ConfiguredTag } from './options.js';

/** A tag before its metadata is known: configured fields resolved, plus whether the server decides writability. */
export interface TagSeed extends ConfiguredTag {
  id: string;
  site: string;
  area: string;
  asset: string;
  name: string;
  writable: boolean;
  writableFromAccessLevel?: boolean;
}

function resolveConfigured(tag: ConfiguredTag): TagSeed | string {
  const fromId = tag.id?.split('/') ?? [];
  if (tag.id !== undefined && fromId.length !== 4) return `tag id "${tag.id}" must have four levels: site/area/asset/name`;
  const [site, area, asset, name] = [tag.site ?? fromId[0], tag.area ?? fromId[1], tag.asset ?? fromId[2], tag.name ?? fromId[3]];
  if (site === undefined || area === undefined || asset === undefined || name === undefined) {
    return `tag on node ${tag.nodeId} needs an id (site/area/asset/name) or the four levels`;
  }
  const bad = [site, area, asset, name].find((l) => !isValidTagLevel(l));
  if (bad !== undefined) return `tag level "${bad}" may only use letters, digits, "_", "-" and "." (1 to 64 characters)`;
  return { ...tag, site, area, asset, name, id: tag.id ?? tagPath(site, area, asset, name), writable: tag.writable ?? false };
}

/** Configured tags first (they win over a browsed tag with the same id or node), then browsed ones. */
export function buildSeeds(
  configured: ConfiguredTag[],
  discovered: DiscoveredTagPath[],
  browse: BrowseOptions | undefined,
  sourceId: string,
  log: Log,
): TagSeed[] {
  const seeds: TagSeed[] = [];
  const ids = new Set<string>();
  const nodes = new Set<string>();
  for (const tag of configured) {
    const seed = resolveConfigured(tag);
    if (typeof seed === 'string') {
      log.warn({ source: sourceId, nodeId: tag.nodeId }, `configured tag skipped: ${seed}`);
      continue;
    }
    if (ids.has(seed.id)) {
      log.warn({ source: sourceId, tag: seed.id }, 'configured tag skipped: the same id is configured twice');
      continue;
    }
    ids.add(seed.id);
    nodes.add(seed.nodeId);
    seeds.push(seed);
  }
  for (const d of discovered) {
    const id = tagPath(d.site, d.area, d.asset, d.name);
    if (nodes.has(d.nodeId)) continue;
    if (ids.has(id)) {
      log.warn({ source: sourceId, tag: id, nodeId: d.nodeId }, 'browsed variable skipped: another node already maps to this tag id');
      continue;
    }
    ids.add(id);
    nodes.add(d.nodeId);
    seeds.push({
      ...d,
      id,
      group: browse?.group ?? 'default',
      writable: false,
      writableFromAccessLevel: browse?.writableFromAccessLevel ?? false,
    });
  }
  return seeds;
}
