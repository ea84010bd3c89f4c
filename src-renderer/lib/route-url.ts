// Turns a contract route and request arguments into an HTTP request: GET carries the arguments as a query
// string; POST, PUT and DELETE fill `{param}` placeholders in the path (URL-encoded) and sends the rest as a JSON body.
import type { RouteSpec } from '../../src-main/contract/index.js';

export interface HttpRequestSpec {
  method: RouteSpec['method'];
  url: string;
  body: string | undefined;
}

export function buildRequest(route: RouteSpec, args: Record<string, unknown>): HttpRequestSpec {
  const rest: Record<string, unknown> = { ...args };
  const path = route.path.replace(/\{([A-Za-z0-9_]+)\}/g, (_m, key: string) => {
    const value = rest[key];
    if (value === undefined || value === null || value === '') throw new Error(`Missing "${key}" for ${route.path}`);
    delete rest[key];
    return encodeURIComponent(String(value));
  });
  if (route.method === 'GET') {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(rest)) {
      if (value === undefined || value === null) continue;
      query.set(key, String(value));
    }
    const qs = query.toString();
    return { method: 'GET', url: qs.length > 0 ? `${path}?${qs}` : path, body: undefined };
  }
  return { method: route.method, url: path, body: JSON.stringify(rest) };
}
