// oneM2M resource shapes (TS-0004 JSON short names) and response codes PlantBridge uses: AE, container,
// contentInstance and subscription bodies, container names for tags, and plain words for result codes.
import type { TagDef } from '../../domain/tags.js';

export const TY = { ae: 2, container: 3, contentInstance: 4, subscription: 23 } as const;

export const RSC = {
  ok: 2000,
  created: 2001,
  deleted: 2002,
  updated: 2004,
  badRequest: 4000,
  notFound: 4004,
  noPermission: 4103,
  alreadyExists: 4105,
} as const;

const RSC_TEXT: Record<number, string> = {
  2000: 'OK',
  2001: 'created',
  2002: 'deleted',
  2004: 'updated',
  4000: 'bad request',
  4004: 'not found',
  4005: 'operation not allowed',
  4103: 'originator has no permission',
  4105: 'already exists',
  4106: 'target not subscribable',
  4107: 'subscription verification failed',
  5000: 'internal server error',
  5001: 'not implemented',
  5103: 'target not reachable',
  5204: 'subscription verification initiation failed',
  5207: 'not enough memory (content larger than the container allows)',
};

export function rscText(rsc: number | null): string {
  if (rsc === null) return 'no X-M2M-RSC in the answer';
  return `${rsc} ${RSC_TEXT[rsc] ?? (rsc >= 5000 ? 'CSE error' : rsc >= 4000 ? 'request refused' : 'success')}`;
}

export const isSuccess = (rsc: number | null): boolean => rsc !== null && rsc >= 2000 && rsc < 3000;

/** Resource names: unreserved URI characters only. Tag ids `site/area/asset/tag` become `site.area.asset.tag`. */
export function containerName(tagId: string): string {
  return tagId.split('/').join('.');
}

export function aeBody(o: { rn: string; api: string; poa: string[]; rr: boolean; labels: string[] }): object {
  return { 'm2m:ae': { rn: o.rn, api: o.api, rr: o.rr, poa: o.poa, srv: ['3'], lbl: o.labels } };
}

export function containerBody(rn: string, labels: string[], mni: number, mbs: number): object {
  return { 'm2m:cnt': { rn, lbl: labels, mni, mbs } };
}

export function tagLabels(tag: Pick<TagDef, 'id' | 'nodeId' | 'unit'>): string[] {
  const labels = [`tagId:${tag.id}`, `nodeId:${tag.nodeId}`];
  if (tag.unit !== '') labels.push(`unit:${tag.unit}`);
  return labels;
}

/** One value: `con` is the JSON text (consumers must treat it as opaque: some CSEs hand it back parsed). */
export function contentInstanceBody(con: string): object {
  return { 'm2m:cin': { cnf: 'application/json:0', con } };
}

/** Notify on creation of a direct child (net 3), with the whole resource (nct 1). */
export function subscriptionBody(rn: string, notifyUrl: string): object {
  return { 'm2m:sub': { rn, nu: [notifyUrl], enc: { net: [3] }, nct: 1 } };
}

/** The object under a short name such as `m2m:ae`, when the body has one. */
export function resourceOf(body: unknown, key: string): Record<string, unknown> | null {
  if (typeof body !== 'object' || body === null) return null;
  const inner = (body as Record<string, unknown>)[key];
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Record<string, unknown>) : null;
}
