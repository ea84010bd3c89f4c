// Plant tags as IPSO smart objects (3303 Temperature, 3323 Pressure, 3300 Generic Sensor, …): 5700 value, 5701 units,
// 5601/5602 min/max measured (reset by 5605), 5603/5604 range, 5750 application type = the tag id.
import type { TagDto } from '../../contract/index.js';
import type { ObjectModel, Outcome, ResourceModel } from './model.js';
import { fail, OK } from './model.js';

export const IPSO_TEMPERATURE = 3303;
export const IPSO_PRESSURE = 3323;
export const IPSO_GENERIC = 3300;

export interface TagObjectMapping {
  tag: string;
  object: number;
}

export interface MappedTag {
  tag: TagDto;
  object: number;
  instance: number;
}

const TEMPERATURE_UNITS = new Set(['degC', '°C', 'Cel', 'C', 'K', 'degF', '°F']);
const PRESSURE_UNITS = new Set(['bar', 'mbar', 'Pa', 'kPa', 'MPa', 'hPa', 'psi']);

/** The IPSO object a tag is shown as when the project does not say: by its unit. */
export function defaultObjectFor(tag: TagDto): number {
  if (TEMPERATURE_UNITS.has(tag.unit)) return IPSO_TEMPERATURE;
  if (PRESSURE_UNITS.has(tag.unit)) return IPSO_PRESSURE;
  return IPSO_GENERIC;
}

const isNumeric = (t: TagDto) => t.dataType !== 'Boolean' && t.dataType !== 'String';

/** Instances per object in a stable order: explicit mappings as listed, or (without any) every numeric tag up to `max`. */
export function mapTags(tags: TagDto[], mappings: TagObjectMapping[] | null, max: number): { mapped: MappedTag[]; skipped: string[] } {
  const byId = new Map(tags.map((t) => [t.id, t]));
  const wanted = mappings ?? tags.filter(isNumeric).map((t) => ({ tag: t.id, object: defaultObjectFor(t) }));
  const next = new Map<number, number>();
  const mapped: MappedTag[] = [];
  const skipped: string[] = [];
  for (const m of wanted) {
    const tag = byId.get(m.tag);
    if (!tag || !isNumeric(tag) || mapped.length >= max) {
      skipped.push(m.tag);
      continue;
    }
    const instance = next.get(m.object) ?? 0;
    next.set(m.object, instance + 1);
    mapped.push({ tag, object: m.object, instance });
  }
  return { mapped, skipped };
}

export interface TagValueSource {
  value(tagId: string): number | null;
  min(tagId: string): number | null;
  max(tagId: string): number | null;
  resetMinMax(tagId: string): void;
  /** A write of 5700 on a writable tag: through the command gate (allow-list, type, range, audit). */
  write(tagId: string, value: number): Promise<Outcome>;
}

export function tagObjects(mapped: MappedTag[], src: TagValueSource, allowWrites: boolean): ObjectModel[] {
  const ids = [...new Set(mapped.map((m) => m.object))].sort((a, b) => a - b);
  return ids.map((objectId) => {
    const instances = mapped
      .filter((m) => m.object === objectId)
      .map((m) => ({ id: m.instance, resources: tagResources(m.tag, src, allowWrites) }));
    return { id: objectId, instances: () => instances };
  });
}

function tagResources(tag: TagDto, src: TagValueSource, allowWrites: boolean): ResourceModel[] {
  const num = (id: number, get: () => number | null): ResourceModel => ({ id, type: 'float', ops: 'R', read: get });
  const writable = allowWrites && tag.writable;
  const out: ResourceModel[] = [
    {
      id: 5700,
      type: 'float',
      ops: writable ? 'RW' : 'R',
      read: () => src.value(tag.id),
      ...(writable ? { write: (v) => (typeof v === 'number' ? src.write(tag.id, v) : Promise.resolve(fail('4.00', 'expected a number'))) } : {}),
    },
    { id: 5701, type: 'string', ops: 'R', read: () => tag.unit },
    num(5601, () => src.min(tag.id)),
    num(5602, () => src.max(tag.id)),
  ];
  if (tag.euRange) {
    const { low, high } = tag.euRange;
    out.push(num(5603, () => low), num(5604, () => high));
  }
  out.push(
    { id: 5605, type: 'none', ops: 'E', execute: () => (src.resetMinMax(tag.id), OK) },
    { id: 5750, type: 'string', ops: 'R', read: () => tag.id },
  );
  return out;
}
