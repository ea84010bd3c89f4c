// The project's tags flattened to one row each (tag, its connection, its group's sampling and its settings): what
// every exporter writes and what the diff compares against.
import type { TagSection, TagSettingsSpec } from './model.js';

export interface TagRow {
  id: string;
  source: string;
  nodeId: string;
  group: string;
  /** The group's sampling interval, when the group is configured on the connection. */
  samplingMs: number | undefined;
  publishingMs: number | undefined;
  settings: TagSettingsSpec;
}

export function* tagRows(section: TagSection, source?: string): Generator<TagRow> {
  for (const s of section.sources) {
    if (source !== undefined && s.id !== source) continue;
    const groups = new Map(s.groups.map((g) => [g.name, g]));
    for (const t of s.tags) {
      const g = groups.get(t.group);
      yield {
        id: t.id,
        source: s.id,
        nodeId: t.nodeId,
        group: t.group,
        samplingMs: g?.samplingIntervalMs,
        publishingMs: g?.publishingIntervalMs,
        settings: section.tagSettings[t.id] ?? {},
      };
    }
  }
}
