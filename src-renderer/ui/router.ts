// Hash routing (`#/alarms`): works the same from file:// in Electron and over HTTP.
import { useEffect, useState } from 'react';

export const pages = ['overview', 'trends', 'alarms', 'alarm-kpis', 'maintenance', 'commands', 'connections'] as const;
export type Page = (typeof pages)[number];

export const pageTitles: Record<Page, string> = {
  overview: 'Overview',
  trends: 'Trends',
  alarms: 'Alarms',
  'alarm-kpis': 'Alarm KPIs',
  maintenance: 'Maintenance',
  commands: 'Commands',
  connections: 'Connections',
};

export interface Route {
  page: Page;
  /** Query after the page, e.g. `#/trends?tag=a/b/c/d` → { tag: 'a/b/c/d' }. */
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const page = (pages as readonly string[]).includes(path) ? (path as Page) : 'overview';
  return { page, params: new URLSearchParams(query) };
}

export function href(page: Page, params?: Record<string, string | string[]>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) for (const item of Array.isArray(v) ? v : [v]) q.append(k, item);
  const qs = q.toString();
  return `#/${page}${qs ? `?${qs}` : ''}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
