// An asset on the Overview: its key values and the state of the sources that feed it.
import type { SourceStatus } from '../../../src-main/contract/index.js';
import type { AssetNode } from '../../lib/plant-tree.js';
import { keyTags } from '../../lib/plant-tree.js';
import { TagReadout } from '../../ui/tag-readout.js';
import { href } from '../../ui/router.js';

export function AssetCard({ asset, sources }: { asset: AssetNode; sources: readonly SourceStatus[] }) {
  const shown = keyTags(asset.tags);
  return (
    <section className="asset-card" data-testid={`asset-${asset.key}`}>
      <div className="asset-head">
        <a className="asset-name" href={href('trends', { tag: shown.filter((t) => t.alarms).slice(0, 3).map((t) => t.id) })} title="Trend this asset">
          {asset.asset}
        </a>
        <div className="asset-sources">
          {asset.sourceIds.map((id) => {
            const s = sources.find((x) => x.id === id);
            const state = s?.state ?? 'unknown';
            return (
              <span key={id} className={`src-state${state === 'connected' ? '' : ' abnormal'}`} title={s?.lastError ?? s?.endpointUrl ?? id}>
                {id}: {state}
              </span>
            );
          })}
        </div>
      </div>
      {shown.map((t) => (
        <TagReadout key={t.id} tag={t} />
      ))}
      {asset.tags.length > shown.length ? <div className="faint">+ {asset.tags.length - shown.length} more tags</div> : null}
    </section>
  );
}
