// Applies an edited project file to the running bridge without a restart: per-tag settings go to the tag catalog
// (alarms, units, write allow-list, uplink on/off follow), and each connection whose tags, groups or settings
// changed is stopped and started again with its new configuration (others keep running untouched).
import type { OpcuaSource } from '../services/ports.js';
import type { TagCatalog, TagOverride } from '../services/tag-catalog.js';
import type { ProjectConfig, SourceConfig } from './config-schema.js';
import type { ProjectStore } from './project-store.js';
import { createSources, type SourceDeps } from './source-setup.js';

export interface HotApplyDeps extends SourceDeps {
  catalog: TagCatalog;
  sources: Map<string, OpcuaSource>;
  /** Merges built-in defaults (the simulator's tags) under the project's settings. */
  overrides(tagSettings: ProjectConfig['tagSettings']): Record<string, TagOverride>;
  /** Tags kept off the uplinks (`tagSettings.<tag>.uplink: false`). */
  uplinkOff: Set<string>;
}

export function uplinkOffTags(tagSettings: ProjectConfig['tagSettings']): string[] {
  return Object.entries(tagSettings).filter(([, s]) => s.uplink === false).map(([id]) => id);
}

export async function hotApplyProject(prev: ProjectConfig, next: ProjectConfig, d: HotApplyDeps): Promise<void> {
  d.uplinkOff.clear();
  for (const id of uplinkOffTags(next.tagSettings)) d.uplinkOff.add(id);
  if (JSON.stringify(prev.tagSettings) !== JSON.stringify(next.tagSettings)) d.catalog.setOverrides(d.overrides(next.tagSettings));
  const before = new Map(prev.sources.map((s) => [s.id, s]));
  const changed: SourceConfig[] = [];
  for (const cfg of next.sources) {
    const old = before.get(cfg.id);
    before.delete(cfg.id);
    if (!old || JSON.stringify(old) !== JSON.stringify(cfg)) changed.push(cfg);
  }
  const gone = [...before.keys()];
  for (const id of [...gone, ...changed.map((c) => c.id)]) {
    const running = d.sources.get(id);
    if (!running) continue;
    d.sources.delete(id);
    await running.stop();
    d.catalog.setSourceTags(id, []);
  }
  for (const [id, source] of createSources(changed, d)) {
    d.sources.set(id, source);
    await source.start();
  }
}

/** Applies each edit of the project file in order; the returned stopper also stops the sources edits started. */
export function watchProjectEdits(store: ProjectStore, d: HotApplyDeps): () => Promise<void> {
  let applied = store.current();
  let applying: Promise<void> = Promise.resolve();
  const change = store.onChange((next) => {
    const prev = applied;
    applied = next;
    applying = applying
      .then(() => hotApplyProject(prev, next, d))
      .catch((err: unknown) => d.log.error({ err }, 'applying the edited project failed'));
  });
  return async () => {
    change.dispose();
    await applying;
    await Promise.all([...d.sources.values()].map((s) => s.stop()));
  };
}
