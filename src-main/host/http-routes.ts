// Maps HTTP requests onto the contract's request table: route matching, argument assembly and validation.
import type { ZodType } from 'zod';
import { requestNames, requestSchemas, routes, type RequestName } from '../contract/index.js';
import { RequestError } from './request-error.js';

interface CompiledRoute {
  name: RequestName;
  method: string;
  pattern: RegExp;
  params: string[];
}

const compiled: CompiledRoute[] = requestNames.map((name) => {
  const spec = routes[name];
  const params: string[] = [];
  const source = spec.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, p: string) => {
    params.push(p);
    return '([^/]+)';
  });
  return { name, method: spec.method, pattern: new RegExp(`^${source}$`), params };
});

export interface RouteMatch {
  name: RequestName;
  params: Record<string, string>;
}

/** Finds the request for a path; throws 404 for an unknown path and 405 for a known path with the wrong method. */
export function matchRoute(method: string, pathname: string): RouteMatch {
  let pathKnown = false;
  for (const r of compiled) {
    const m = r.pattern.exec(pathname);
    if (!m) continue;
    pathKnown = true;
    if (r.method !== method) continue;
    const params: Record<string, string> = {};
    r.params.forEach((p, i) => {
      try {
        params[p] = decodeURIComponent(m[i + 1] ?? '');
      } catch {
        throw new RequestError(400, `${p}: not a valid URL-encoded value`);
      }
    });
    return { name: r.name, params };
  }
  if (pathKnown) throw new RequestError(405, `${method} is not allowed on ${pathname}`);
  throw new RequestError(404, `no API endpoint ${pathname}`);
}

function describeIssues(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : 'arguments'}: ${i.message}`).join('; ');
}

/** Validates arguments against the request's schema: a 400 naming each bad field, never a stack trace. */
export function parseArgs<N extends RequestName>(name: N, raw: unknown): unknown {
  const schema = requestSchemas[name] as unknown as ZodType;
  const result = schema.safeParse(raw);
  if (!result.success) throw new RequestError(400, describeIssues(result.error));
  return result.data;
}

/** GET arguments from the query string: each parameter once. */
export function queryArgs(search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of search) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') throw new RequestError(400, `${k}: not allowed`);
    if (Object.prototype.hasOwnProperty.call(out, k)) throw new RequestError(400, `${k}: given more than once`);
    out[k] = v;
  }
  return out;
}
