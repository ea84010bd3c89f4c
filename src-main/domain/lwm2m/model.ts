// The LwM2M object model the client serves: paths, resource types, operations, outcomes and content formats.
// Pure data shapes; the object tree (object-tree.ts) and the dispatcher (request-dispatch.ts) work on these.

export type CoapCode = '2.01' | '2.02' | '2.04' | '2.05' | '4.00' | '4.01' | '4.03' | '4.04' | '4.05' | '4.06' | '4.15' | '5.00' | '5.03';

export const CONTENT_FORMAT = {
  text: 0,
  linkFormat: 40,
  opaque: 42,
  senmlJson: 110,
  senmlCbor: 112,
  tlv: 11542,
  lwm2mJson: 11543,
} as const;

export type ResourceType = 'string' | 'integer' | 'float' | 'boolean' | 'time' | 'opaque' | 'none';
/** R read, W write, RW both, E execute (OMA object registry notation). */
export type Operations = 'R' | 'W' | 'RW' | 'E';
export type ResourceValue = string | number | boolean | Uint8Array;

/** `/object[/instance[/resource]]`, each a 16-bit id. */
export interface LwPath {
  objectId: number;
  instanceId?: number;
  resourceId?: number;
}

export type Outcome = { ok: true } | { ok: false; code: CoapCode; reason: string };

export const OK: Outcome = { ok: true };
export function fail(code: CoapCode, reason: string): Outcome {
  return { ok: false, code, reason };
}

export interface ResourceModel {
  id: number;
  type: ResourceType;
  ops: Operations;
  /** Multiple-instance resources (e.g. /3/0/11 error codes) read as several values. */
  multiple?: boolean;
  /** Null while there is no value yet (a tag not received since start). */
  read?(): ResourceValue | ResourceValue[] | null;
  /** Called with a value already checked against `type`. */
  write?(value: ResourceValue): Outcome | Promise<Outcome>;
  execute?(args: string): Outcome | Promise<Outcome>;
}

export interface InstanceModel {
  id: number;
  resources: ResourceModel[];
}

export interface ObjectModel {
  id: number;
  /** Object version advertised in link-format when not 1.0 (e.g. "1.1"). */
  version?: string;
  instances(): InstanceModel[];
}

export function formatPath(p: LwPath): string {
  let s = `/${p.objectId}`;
  if (p.instanceId !== undefined) s += `/${p.instanceId}`;
  if (p.resourceId !== undefined) s += `/${p.resourceId}`;
  return s;
}

/** Parses `/3/0/13` (an empty path is refused; more than three levels or a non-16-bit id is malformed). */
export function parsePath(path: string): LwPath | null {
  const parts = path.split('/').filter((p) => p.length > 0);
  if (parts.length < 1 || parts.length > 3) return null;
  const ids: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,5}$/.test(part)) return null;
    const n = Number(part);
    if (n > 65535) return null;
    ids.push(n);
  }
  const [objectId, instanceId, resourceId] = ids;
  if (objectId === undefined) return null;
  return {
    objectId,
    ...(instanceId !== undefined ? { instanceId } : {}),
    ...(resourceId !== undefined ? { resourceId } : {}),
  };
}
