// The bridge's /api/health, read over HTTP like any client would.
import type { HealthDto } from '../../src-main/contract/index.js';

export async function fetchHealth(uiUrl: string): Promise<HealthDto> {
  const res = await fetch(new URL('api/health', uiUrl), { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`GET /api/health answered ${res.status}`);
  return (await res.json()) as HealthDto;
}

/** The counters the bench compares at the start and the end of the window. */
export interface BridgeCounters {
  changesIn: number;
  rowsWritten: number;
  historianQueue: number;
  historianDropped: number;
  published: number;
  uplinkFailed: number;
  uplinkQueued: number;
  monitoredItems: number;
}

/** The uplink counters the bench reads; the health document has carried them as `uplink` (one) and `uplinks` (a list). */
interface UplinkCounters {
  published: number;
  failed: number;
  queued: number;
}

function uplinkCounters(h: HealthDto): UplinkCounters {
  const doc = h as unknown as { uplink?: UplinkCounters; uplinks?: UplinkCounters[] };
  const list = doc.uplinks ?? (doc.uplink ? [doc.uplink] : []);
  return list.reduce(
    (sum, u) => ({ published: sum.published + u.published, failed: sum.failed + u.failed, queued: sum.queued + u.queued }),
    { published: 0, failed: 0, queued: 0 },
  );
}

export function countersOf(h: HealthDto): BridgeCounters {
  const up = uplinkCounters(h);
  return {
    changesIn: h.counters.changesIn,
    rowsWritten: h.historian.rowsWritten,
    historianQueue: h.historian.queueDepth,
    historianDropped: h.historian.droppedSamples,
    published: up.published,
    uplinkFailed: up.failed,
    uplinkQueued: up.queued,
    monitoredItems: h.sources.reduce((n, s) => n + s.monitoredItems, 0),
  };
}

/** Waits until the first source is connected with at least `items` monitored items; returns the time it took. */
export async function waitForMonitoredItems(uiUrl: string, items: number, timeoutMs: number, alive: () => boolean): Promise<number> {
  const started = Date.now();
  let last = 'no answer yet';
  while (Date.now() - started < timeoutMs) {
    if (!alive()) throw new Error('the bridge exited while the bench waited for its monitored items');
    try {
      const h = await fetchHealth(uiUrl);
      const s = h.sources[0];
      last = s ? `source ${s.state}, ${s.monitoredItems} monitored items, last error: ${s.lastError ?? 'none'}` : 'no source';
      if (s && s.state === 'connected' && s.monitoredItems >= items) return Date.now() - started;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the bridge did not reach ${items} monitored items within ${timeoutMs / 1000} s (${last})`);
}
