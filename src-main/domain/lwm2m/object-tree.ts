// Lookup over the client's objects: find the object, instance or resource a path names, and list readable values.
import type { SenmlEntry } from './senml-json.js';
import type { InstanceModel, LwPath, ObjectModel, ResourceModel } from './model.js';

export type Resolved =
  | { level: 'object'; object: ObjectModel }
  | { level: 'instance'; object: ObjectModel; instance: InstanceModel }
  | { level: 'resource'; object: ObjectModel; instance: InstanceModel; resource: ResourceModel }
  | { level: 'missing'; what: string };

export class ObjectTree {
  constructor(private readonly source: () => ObjectModel[]) {}

  objects(): ObjectModel[] {
    return this.source();
  }

  resolve(p: LwPath): Resolved {
    const object = this.source().find((o) => o.id === p.objectId);
    if (!object) return { level: 'missing', what: `object ${p.objectId}` };
    if (p.instanceId === undefined) return { level: 'object', object };
    const instance = object.instances().find((i) => i.id === p.instanceId);
    if (!instance) return { level: 'missing', what: `instance /${p.objectId}/${p.instanceId}` };
    if (p.resourceId === undefined) return { level: 'instance', object, instance };
    const resource = instance.resources.find((r) => r.id === p.resourceId);
    if (!resource) return { level: 'missing', what: `resource /${p.objectId}/${p.instanceId}/${p.resourceId}` };
    return { level: 'resource', object, instance, resource };
  }
}

export function isReadable(r: ResourceModel): boolean {
  return (r.ops === 'R' || r.ops === 'RW') && r.read !== undefined;
}

export function isWritable(r: ResourceModel): boolean {
  return (r.ops === 'W' || r.ops === 'RW') && r.write !== undefined;
}

/** Every readable value below a resolved path, as SenML entries (multiple-instance resources one per instance). */
export function readEntries(objectId: number, instances: InstanceModel[], only?: ResourceModel): SenmlEntry[] {
  const out: SenmlEntry[] = [];
  for (const inst of instances) {
    for (const res of only ? [only] : inst.resources) {
      if (!isReadable(res) || !res.read) continue;
      const base = `/${objectId}/${inst.id}/${res.id}`;
      const value = res.read();
      if (value === null) continue;
      if (res.multiple) {
        const values = Array.isArray(value) ? value : [value];
        values.forEach((v, i) => out.push({ path: `${base}/${i}`, type: res.type, value: v }));
      } else if (!Array.isArray(value)) {
        out.push({ path: base, type: res.type, value });
      }
    }
  }
  return out;
}
