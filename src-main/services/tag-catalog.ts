// All bridged tags: what the sources discovered, with the project's per-tag settings (write allow-list, alarm
// limits, units) applied on top. The one place that answers "which tags exist and what may be done with them".
import type { AlarmLimits } from '../contract/index.js';
import type { Deadband, TagDef } from '../domain/tags.js';
import type { Disposable, Listener } from './ports.js';

export interface TagOverride {
  writable?: boolean | undefined;
  remoteWrite?: boolean | undefined;
  alarms?: AlarmLimits | null | undefined;
  deadband?: Deadband | null | undefined;
  unit?: string | undefined;
  description?: string | undefined;
}

function applyOverride(tag: TagDef, o: TagOverride | undefined): TagDef {
  if (!o) return { ...tag, writable: false };
  return {
    ...tag,
    // Writes are opt-in per tag: a server's AccessLevel alone never puts a tag on the allow-list.
    writable: o.writable ?? false,
    alarms: o.alarms === undefined ? tag.alarms : o.alarms,
    deadband: o.deadband === undefined ? tag.deadband : o.deadband,
    unit: o.unit ?? tag.unit,
    description: o.description ?? tag.description,
  };
}

export class TagCatalog {
  private readonly bySource = new Map<string, TagDef[]>();
  /** What each source reported, before the project's settings: kept so new settings can be applied again. */
  private readonly reported = new Map<string, TagDef[]>();
  private readonly byId = new Map<string, TagDef>();
  private readonly listeners = new Set<Listener<TagDef[]>>();

  constructor(private overrides: Readonly<Record<string, TagOverride>>) {}

  /** New per-tag settings (an edited project file): applied to every source's tags, listeners told. */
  setOverrides(overrides: Readonly<Record<string, TagOverride>>): TagDef[] {
    this.overrides = overrides;
    let all = this.all();
    for (const [sourceId, tags] of this.reported) all = this.setSourceTags(sourceId, tags);
    return all;
  }

  /** Replaces the tags of one source; returns the full list. Tag ids are unique across sources (first wins). */
  setSourceTags(sourceId: string, tags: TagDef[]): TagDef[] {
    this.reported.set(sourceId, tags);
    this.bySource.set(sourceId, tags.map((t) => applyOverride(t, this.overrides[t.id])));
    this.byId.clear();
    for (const list of this.bySource.values()) {
      for (const t of list) if (!this.byId.has(t.id)) this.byId.set(t.id, t);
    }
    const all = this.all();
    for (const l of this.listeners) l(all);
    return all;
  }

  get(id: string): TagDef | undefined {
    return this.byId.get(id);
  }

  all(): TagDef[] {
    return [...this.byId.values()];
  }

  onChange(listener: Listener<TagDef[]>): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}
