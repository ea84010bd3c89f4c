// Applies an edited project file's per-tag settings to the running bridge without a restart: they go to the tag
// catalog (alarms, units, write allow-list follow) and to the uplinks' on/off set. The connections an edit adds,
// changes or removes are started, restarted or stopped by the source manager (source-manager.ts).
import type { Disposable, Log } from '../services/ports.js';
import type { TagCatalog, TagOverride } from '../services/tag-catalog.js';
import type { ProjectConfig } from './config-schema.js';
import type { ProjectStore } from './project-store.js';

export interface HotApplyDeps {
  catalog: TagCatalog;
  /** Merges built-in defaults (the simulator's tags) under the project's settings. */
  overrides(tagSettings: ProjectConfig['tagSettings']): Record<string, TagOverride>;
  /** Tags kept off the uplinks (`tagSettings.<tag>.uplink: false`). */
  uplinkOff: Set<string>;
  log: Log;
}

export function uplinkOffTags(tagSettings: ProjectConfig['tagSettings']): string[] {
  return Object.entries(tagSettings).filter(([, s]) => s.uplink === false).map(([id]) => id);
}

export function hotApplyTagSettings(prev: ProjectConfig, next: ProjectConfig, d: HotApplyDeps): void {
  d.uplinkOff.clear();
  for (const id of uplinkOffTags(next.tagSettings)) d.uplinkOff.add(id);
  if (JSON.stringify(prev.tagSettings) !== JSON.stringify(next.tagSettings)) d.catalog.setOverrides(d.overrides(next.tagSettings));
}

/** Applies the tag settings of each edit of the project file, in order. */
export function watchTagSettingEdits(store: ProjectStore, d: HotApplyDeps): Disposable {
  return store.onChange((next, prev) => {
    try {
      hotApplyTagSettings(prev, next, d);
    } catch (err) {
      d.log.error({ err }, 'applying the edited tag settings failed');
    }
  });
}
