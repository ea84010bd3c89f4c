// The edge node's metric set: node metrics, one device per asset, one metric per tag, with aliases that are unique
// across the node (tck-id-payloads-alias-uniqueness) and stable for the life of the process: a tag keeps its alias
// across setTags() calls, new tags get new ones, so a host never sees an alias change meaning within a session.
import type { Quality, TagValue } from '../../contract/index.js';
import type { TagDef } from '../tags.js';
import { assetKeyOf, assignDeviceIds } from './device-naming.js';
import { sparkplugTypeOf } from './datatypes.js';
import type { SpTypeCode } from './payload-model.js';

export interface MetricEntry {
  tag: TagDef;
  deviceId: string;
  /** The metric name inside its device: the tag name (`flow`). */
  name: string;
  alias: number;
  type: SpTypeCode;
  /** Last known sample, for births (null until the first sample). */
  last: { ts: number; value: TagValue; quality: Quality } | null;
}

export interface DeviceEntry {
  id: string;
  metrics: MetricEntry[];
}

/** Aliases 1..99 are reserved for node metrics (bdSeq, Properties/…); `Node Control/Rebirth` has none. */
export const FIRST_DEVICE_ALIAS = 100;

export class MetricCatalog {
  private readonly byTagId = new Map<string, MetricEntry>();
  private readonly byAliasMap = new Map<number, MetricEntry>();
  private deviceMap = new Map<string, DeviceEntry>();
  private deviceIdOfAsset = new Map<string, string>();
  private readonly aliasOfTag = new Map<string, number>();
  private nextAlias = FIRST_DEVICE_ALIAS;

  /** Replaces the metric set. Returns true when it changed (a rebirth is due). */
  setTags(tags: readonly TagDef[]): boolean {
    const before = this.signature();
    const previousLast = new Map([...this.byTagId].map(([id, e]) => [id, e.last]));
    this.deviceIdOfAsset = assignDeviceIds(tags, this.deviceIdOfAsset);
    this.byTagId.clear();
    this.byAliasMap.clear();
    this.deviceMap = new Map();
    for (const tag of tags) {
      if (this.byTagId.has(tag.id)) continue;
      const deviceId = this.deviceIdOfAsset.get(assetKeyOf(tag)) ?? '';
      let alias = this.aliasOfTag.get(tag.id);
      if (alias === undefined) {
        alias = this.nextAlias++;
        this.aliasOfTag.set(tag.id, alias);
      }
      const entry: MetricEntry = {
        tag,
        deviceId,
        name: tag.name,
        alias,
        type: sparkplugTypeOf(tag.dataType),
        last: previousLast.get(tag.id) ?? null,
      };
      this.byTagId.set(tag.id, entry);
      this.byAliasMap.set(alias, entry);
      let device = this.deviceMap.get(deviceId);
      if (device === undefined) {
        device = { id: deviceId, metrics: [] };
        this.deviceMap.set(deviceId, device);
      }
      device.metrics.push(entry);
    }
    return this.signature() !== before;
  }

  byTag(tagId: string): MetricEntry | undefined {
    return this.byTagId.get(tagId);
  }

  byAlias(alias: number): MetricEntry | undefined {
    return this.byAliasMap.get(alias);
  }

  device(deviceId: string): DeviceEntry | undefined {
    return this.deviceMap.get(deviceId);
  }

  devices(): IterableIterator<DeviceEntry> {
    return this.deviceMap.values();
  }

  /** A metric of a device by name or alias (DCMD); undefined when the device has no such metric. */
  resolve(deviceId: string, ref: { name?: string | undefined; alias?: number | undefined }): MetricEntry | undefined {
    if (ref.alias !== undefined) {
      const entry = this.byAliasMap.get(ref.alias);
      return entry?.deviceId === deviceId ? entry : undefined;
    }
    if (ref.name === undefined) return undefined;
    return this.deviceMap.get(deviceId)?.metrics.find((m) => m.name === ref.name);
  }

  get size(): number {
    return this.byTagId.size;
  }

  /** What a host learns from the births: devices, names, aliases, types and engineering properties. */
  private signature(): string {
    const parts: string[] = [];
    for (const d of this.deviceMap.values()) {
      for (const m of d.metrics) {
        const t = m.tag;
        parts.push(`${d.id}|${m.name}|${m.alias}|${m.type}|${t.unit}|${t.euRange?.low}|${t.euRange?.high}|${t.nodeId}`);
      }
    }
    return parts.sort().join('\n');
  }
}
