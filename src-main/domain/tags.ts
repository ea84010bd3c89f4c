// Tag definitions as the data path uses them: the contract's TagDto plus subscription settings.
import type { TagDto } from '../contract/index.js';

export interface Deadband {
  kind: 'absolute' | 'percent';
  /** Absolute: engineering units. Percent: percent of the EURange span (OPC UA PercentDeadband). */
  value: number;
}

/** A subscription group: tags sampled and published together with the same settings. */
export interface SubscriptionGroup {
  name: string;
  samplingIntervalMs: number;
  publishingIntervalMs: number;
  queueSize: number;
  deadband: Deadband | null;
}

export interface TagDef extends TagDto {
  deadband: Deadband | null;
}

export const TAG_PATH_SEPARATOR = '/';

/** `site/area/asset/name`: the tag id, the UNS topic suffix and the bridge server browse path. */
export function tagPath(site: string, area: string, asset: string, name: string): string {
  return [site, area, asset, name].join(TAG_PATH_SEPARATOR);
}

/** Characters allowed in one level of a tag path: what MQTT topics and OPC UA browse names both accept safely. */
export const TAG_LEVEL_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

export function isValidTagLevel(level: string): boolean {
  return TAG_LEVEL_PATTERN.test(level) && level !== '.' && level !== '..';
}
