// The plant hierarchy site → area → asset, built from the flat tag list (ids are `site/area/asset/tag`).
import type { TagDto } from '../../src-main/contract/index.js';

export interface AssetNode {
  key: string;
  site: string;
  area: string;
  asset: string;
  tags: TagDto[];
  sourceIds: string[];
}

export interface AreaNode {
  key: string;
  site: string;
  area: string;
  assets: AssetNode[];
}

export interface SiteNode {
  site: string;
  areas: AreaNode[];
}

/** Groups tags; sites, areas and assets sorted by name, tags kept in configuration order. */
export function buildPlantTree(tags: readonly TagDto[]): SiteNode[] {
  const sites = new Map<string, Map<string, Map<string, AssetNode>>>();
  for (const tag of tags) {
    let areas = sites.get(tag.site);
    if (!areas) sites.set(tag.site, (areas = new Map()));
    let assets = areas.get(tag.area);
    if (!assets) areas.set(tag.area, (assets = new Map()));
    let asset = assets.get(tag.asset);
    if (!asset) {
      asset = { key: `${tag.site}/${tag.area}/${tag.asset}`, site: tag.site, area: tag.area, asset: tag.asset, tags: [], sourceIds: [] };
      assets.set(tag.asset, asset);
    }
    asset.tags.push(tag);
    if (!asset.sourceIds.includes(tag.sourceId)) asset.sourceIds.push(tag.sourceId);
  }
  const byName = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });
  return [...sites.keys()].sort(byName).map((site) => {
    const areas = sites.get(site)!;
    return {
      site,
      areas: [...areas.keys()].sort(byName).map((area) => ({
        key: `${site}/${area}`,
        site,
        area,
        assets: [...areas.get(area)!.values()].sort((a, b) => byName(a.asset, b.asset)),
      })),
    };
  });
}

/** Tags worth a readout on the asset card: analog values with alarms first, then other analog, then the rest. */
export function keyTags(tags: readonly TagDto[], max = 6): TagDto[] {
  const rank = (t: TagDto) => (t.alarms ? 0 : t.dataType === 'Boolean' || t.dataType === 'String' ? 2 : 1);
  return [...tags]
    .map((t, i) => ({ t, i }))
    .sort((a, b) => rank(a.t) - rank(b.t) || a.i - b.i)
    .slice(0, max)
    .map((x) => x.t);
}
