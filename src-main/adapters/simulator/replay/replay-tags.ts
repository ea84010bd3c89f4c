// Tag definitions of the simulated plant as the bridge names them (`demo-site/<area>/<asset>/<signal>`), for replays.
import type { TagDef } from '../../../domain/tags.js';
import { plantCatalog, type CatalogSignal } from '../catalog.js';

/** The source id the bridge gives the built-in simulator. */
export const REPLAY_SOURCE_ID = 'sim';

export function replayTagId(s: Pick<CatalogSignal, 'site' | 'area' | 'asset' | 'name'>): string {
  return [s.site, s.area, s.asset, s.name].join('/');
}

/** One TagDef per process signal, with the catalog's units, ranges and suggested alarm limits. */
export function replayTagDefs(): TagDef[] {
  return plantCatalog().map((s) => ({
    id: replayTagId(s),
    site: s.site,
    area: s.area,
    asset: s.asset,
    name: s.name,
    sourceId: REPLAY_SOURCE_ID,
    nodeId: s.nodeId,
    dataType: s.dataType,
    unit: s.unit,
    euRange: s.euRange,
    description: s.description,
    writable: s.writable,
    group: 'default',
    alarms: s.alarms,
    deadband: null,
  }));
}
