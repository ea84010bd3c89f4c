// One Sparkplug device per plant asset. Device id = `<area>.<asset>`: asset names such as `pump-1` repeat across
// areas, and a device id must not change when another area later gets an asset of the same name (hosts key their
// tag folders on it), so the area is always part of it. When the node carries several sites and `<area>.<asset>`
// would clash, the clashing assets get `<site>.<area>.<asset>`; a remaining clash (dots inside names) gets `~2`, `~3`.
import type { TagDef } from '../tags.js';

/** The asset a tag belongs to, as a key: `site/area/asset`. */
export function assetKeyOf(tag: Pick<TagDef, 'site' | 'area' | 'asset'>): string {
  return `${tag.site}/${tag.area}/${tag.asset}`;
}

/** Device ids for the given assets (keys from assetKeyOf), keeping ids already assigned in `previous`. */
export function assignDeviceIds(
  assets: Iterable<Pick<TagDef, 'site' | 'area' | 'asset'>>,
  previous: ReadonlyMap<string, string> = new Map(),
): Map<string, string> {
  const result = new Map<string, string>();
  const taken = new Set<string>();
  const fresh: Pick<TagDef, 'site' | 'area' | 'asset'>[] = [];
  for (const asset of assets) {
    const key = assetKeyOf(asset);
    if (result.has(key)) continue;
    const kept = previous.get(key);
    if (kept !== undefined && !taken.has(kept)) {
      result.set(key, kept);
      taken.add(kept);
    } else {
      result.set(key, '');
      fresh.push(asset);
    }
  }
  const shortCount = new Map<string, number>();
  for (const a of fresh) shortCount.set(`${a.area}.${a.asset}`, (shortCount.get(`${a.area}.${a.asset}`) ?? 0) + 1);
  for (const a of fresh) {
    const short = `${a.area}.${a.asset}`;
    let id = (shortCount.get(short) ?? 0) > 1 || taken.has(short) ? `${a.site}.${short}` : short;
    for (let n = 2; taken.has(id); n++) id = `${a.site}.${short}~${n}`;
    taken.add(id);
    result.set(assetKeyOf(a), id);
  }
  return result;
}
