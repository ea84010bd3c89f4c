// Level-1/2 overview: the plant tree site → area → asset, each asset a card of key values.
import { useMemo } from 'react';
import { useHealth, useTags } from '../../state/hooks.js';
import { buildPlantTree } from '../../lib/plant-tree.js';
import { AssetCard } from './asset-card.js';

export function OverviewPage() {
  const tags = useTags();
  const health = useHealth();
  const tree = useMemo(() => buildPlantTree(tags ?? []), [tags]);
  const sources = health?.sources ?? [];
  if (tags === null) return <div className="empty">Loading the tag list…</div>;
  if (tags.length === 0) return <div className="empty">No tags configured. Add a source and tags in the configuration.</div>;
  return (
    <div data-testid="overview-page">
      {tree.map((site) => (
        <div key={site.site}>
          <div className="site-title">{site.site}</div>
          {site.areas.map((area) => (
            <div key={area.key}>
              <h3 className="area-title">{area.area}</h3>
              <div className="asset-grid">
                {area.assets.map((asset) => (
                  <AssetCard key={asset.key} asset={asset} sources={sources} />
                ))}
              </div>
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
