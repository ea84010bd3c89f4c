// The store-and-forward drills, one per uplink, kept outside the Connections page: a drill survives
// navigating away, and keeps following the health events (the proof needs every observation after the restore).
import type { HealthDto } from '../../src-main/contract/index.js';
import type { ApiClient } from '../api/client.js';
import { drillReducer, initialDrill, type DrillEvent, type DrillState } from '../lib/drill.js';
import { ValueStore } from './value-store.js';

export class DrillStore {
  private readonly drills = new Map<string, ValueStore<DrillState>>();
  /** Backend clock minus browser clock, from the last health event (the drill compares backend times). */
  private offsetMs = 0;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: () => number = Date.now,
  ) {}

  state(id: string): ValueStore<DrillState> {
    let s = this.drills.get(id);
    if (!s) {
      s = new ValueStore<DrillState>(initialDrill);
      this.drills.set(id, s);
    }
    return s;
  }

  /** Feeds a health snapshot to every uplink's drill. */
  observe(h: HealthDto | null): void {
    if (!h) return;
    this.offsetMs = h.now - this.clock();
    for (const u of h.uplinks ?? []) this.dispatch(u.id, { type: 'observed', status: u, now: h.now });
  }

  async cut(id: string): Promise<void> {
    await this.run(id, 'cut');
  }

  async restore(id: string): Promise<void> {
    await this.run(id, 'restore');
  }

  reset(id: string): void {
    this.dispatch(id, { type: 'reset' });
  }

  private async run(id: string, action: 'cut' | 'restore'): Promise<void> {
    this.dispatch(id, { type: action === 'cut' ? 'cut-requested' : 'restore-requested' });
    try {
      const status = await this.client.invoke('uplinkDrill', { id, action });
      const now = this.clock() + this.offsetMs;
      this.dispatch(id, { type: action === 'cut' ? 'cut-done' : 'restore-done', status, now });
    } catch (err) {
      this.dispatch(id, { type: 'request-failed', message: drillErrorText(action, err) });
    }
  }

  private dispatch(id: string, e: DrillEvent): void {
    const s = this.state(id);
    s.set(drillReducer(s.get(), e));
  }
}

function drillErrorText(action: 'cut' | 'restore', err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/HTTP 404|not found/i.test(msg) && !/no uplink/i.test(msg)) {
    return `The drill is not available from this PlantBridge (${msg}).`;
  }
  return `Could not ${action} the uplink: ${msg}`;
}
