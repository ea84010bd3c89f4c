// CoRE link format (RFC 6690, content format 40) for Register/Update payloads and Discover answers.
import type { LwPath, ObjectModel } from './model.js';
import { formatPath } from './model.js';
import type { AttributeSet } from './attributes.js';
import { formatAttributes } from './attributes.js';

/** The Register/Update object list: `</>;rt="oma.lwm2m";ct=110` then every instance except Security /0. */
export function registrationLinks(objects: ObjectModel[]): string {
  const links = ['</>;rt="oma.lwm2m";ct=110'];
  for (const obj of [...objects].sort((a, b) => a.id - b.id)) {
    if (obj.id === 0) continue;
    const instances = obj.instances();
    const ver = obj.version ? `;ver=${obj.version}` : '';
    if (instances.length === 0) links.push(`</${obj.id}>${ver}`);
    instances.forEach((inst, i) => links.push(`</${obj.id}/${inst.id}>${i === 0 ? ver : ''}`));
  }
  return links.join(',');
}

/** Discover: the target and everything below it, each with the attributes attached at that level. */
export function discoverLinks(obj: ObjectModel, target: LwPath, attributesOf: (p: LwPath) => AttributeSet): string {
  const links: string[] = [];
  const add = (p: LwPath, extra = '') => links.push(`<${formatPath(p)}>${extra}${formatAttributes(attributesOf(p))}`);
  if (target.instanceId === undefined) add({ objectId: obj.id }, obj.version ? `;ver=${obj.version}` : '');
  for (const inst of obj.instances()) {
    if (target.instanceId !== undefined && inst.id !== target.instanceId) continue;
    const ip = { objectId: obj.id, instanceId: inst.id };
    if (target.resourceId === undefined) add(ip);
    for (const res of inst.resources) {
      if (target.resourceId !== undefined && res.id !== target.resourceId) continue;
      const dim = res.multiple && res.read ? `;dim=${asArray(res.read() ?? []).length}` : '';
      add({ ...ip, resourceId: res.id }, dim);
    }
  }
  return links.join(',');
}

function asArray<T>(v: T | T[]): T[] {
  return Array.isArray(v) ? v : [v];
}
