// Write-Attributes (pmin, pmax, gt, lt, st) attached to object, instance or resource paths, and the effective set
// an observation uses (resource level overrides instance level overrides object level overrides server defaults).
import type { LwPath } from './model.js';
import { formatPath } from './model.js';

export interface AttributeSet {
  pmin?: number;
  pmax?: number;
  gt?: number;
  lt?: number;
  st?: number;
}

const KEYS = ['pmin', 'pmax', 'gt', 'lt', 'st'] as const;
type Key = (typeof KEYS)[number];

export type AttributeChange =
  | { ok: true; set: Partial<Record<Key, number | null>>; cancel: boolean }
  | { ok: false; reason: string };

/** Parses `pmin=10&pmax=60&st=0.5` (`pmin` alone removes it; `cancel` is the LwM2M 1.0 observe cancel). */
export function parseAttributeQuery(query: string): AttributeChange {
  const set: Partial<Record<Key, number | null>> = {};
  let cancel = false;
  for (const part of query.split('&').filter((p) => p.length > 0)) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const raw = eq < 0 ? null : decodeURIComponent(part.slice(eq + 1));
    if (key === 'cancel') {
      cancel = true;
      continue;
    }
    if (!(KEYS as readonly string[]).includes(key)) return { ok: false, reason: `unsupported attribute "${key.slice(0, 20)}"` };
    const k = key as Key;
    if (raw === null || raw === '') {
      set[k] = null;
      continue;
    }
    const n = Number(raw);
    if (!Number.isFinite(n)) return { ok: false, reason: `${k} must be a number` };
    if ((k === 'pmin' || k === 'pmax') && (!Number.isInteger(n) || n < 0)) return { ok: false, reason: `${k} must be a whole number of seconds ≥ 0` };
    if (k === 'st' && n <= 0) return { ok: false, reason: 'st must be > 0' };
    set[k] = n;
  }
  return { ok: true, set, cancel };
}

export function formatAttributes(a: AttributeSet): string {
  return KEYS.filter((k) => a[k] !== undefined)
    .map((k) => `;${k}=${String(a[k])}`)
    .join('');
}

export class AttributeStore {
  private readonly byPath = new Map<string, AttributeSet>();

  constructor(private readonly defaults: () => AttributeSet) {}

  at(p: LwPath): AttributeSet {
    return this.byPath.get(formatPath(p)) ?? {};
  }

  /** Applies a change, refusing one that leaves pmax < pmin or gt ≤ lt + 2·st at that level. */
  apply(p: LwPath, set: Partial<Record<Key, number | null>>): { ok: true } | { ok: false; reason: string } {
    const next: AttributeSet = { ...this.at(p) };
    for (const k of KEYS) {
      const v = set[k];
      if (v === null) delete next[k];
      else if (v !== undefined) next[k] = v;
    }
    if (next.pmin !== undefined && next.pmax !== undefined && next.pmax < next.pmin) {
      return { ok: false, reason: 'pmax must be ≥ pmin' };
    }
    if (next.gt !== undefined && next.lt !== undefined && next.lt + 2 * (next.st ?? 0) >= next.gt) {
      return { ok: false, reason: 'lt + 2·st must be < gt' };
    }
    if (Object.keys(next).length === 0) this.byPath.delete(formatPath(p));
    else this.byPath.set(formatPath(p), next);
    return { ok: true };
  }

  effective(p: LwPath): AttributeSet {
    const levels: LwPath[] = [{ objectId: p.objectId }];
    if (p.instanceId !== undefined) levels.push({ objectId: p.objectId, instanceId: p.instanceId });
    if (p.resourceId !== undefined) levels.push(p);
    let out: AttributeSet = { ...this.defaults() };
    for (const l of levels) out = { ...out, ...this.at(l) };
    return out;
  }

  clear(): void {
    this.byPath.clear();
  }
}
