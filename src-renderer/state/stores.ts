// The stores of this window and how they stay in sync with the backend: load once, apply events,
// and reload everything after a dropped link (events sent while it was down are lost).
import type { AlarmDto, FlagDto, HealthDto, TagDto } from '../../src-main/contract/index.js';
import type { ApiClient } from '../api/client.js';
import type { LinkState } from '../api/transport.js';
import { compareAlarms, isStanding } from '../lib/alarm-order.js';
import { compareFlags } from '../lib/flag-order.js';
import { KeyedStore } from './keyed-store.js';
import { LiveStore } from './live-store.js';
import { ValueStore } from './value-store.js';
import { DrillStore } from './drill-store.js';

export interface Stores {
  client: ApiClient;
  live: LiveStore;
  tags: ValueStore<readonly TagDto[] | null>;
  alarms: KeyedStore<AlarmDto>;
  flags: KeyedStore<FlagDto>;
  health: ValueStore<HealthDto | null>;
  link: ValueStore<LinkState>;
  /** Store-and-forward drills per uplink, fed by every health snapshot. */
  drills: DrillStore;
  /** The last failed load, shown instead of silently empty pages. */
  loadError: ValueStore<string | null>;
  resync(): Promise<void>;
}

export function createStores(client: ApiClient): Stores {
  const stores: Stores = {
    client,
    live: new LiveStore(200),
    tags: new ValueStore<readonly TagDto[] | null>(null),
    alarms: new KeyedStore<AlarmDto>((a) => a.id, isStanding, compareAlarms),
    flags: new KeyedStore<FlagDto>((f) => f.id, () => true, compareFlags),
    health: new ValueStore<HealthDto | null>(null),
    link: new ValueStore<LinkState>(client.linkState()),
    drills: new DrillStore(client),
    loadError: new ValueStore<string | null>(null),
    resync,
  };

  async function resync(): Promise<void> {
    const results = await Promise.allSettled([
      client.invoke('listTags', {}).then((t) => stores.tags.set(t)),
      client.invoke('snapshot', {}).then((s) => stores.live.apply(s)),
      client.invoke('listAlarms', { state: 'standing' }).then((a) => stores.alarms.replaceAll(a)),
      client.invoke('listFlags', {}).then((f) => stores.flags.replaceAll(f)),
      client.invoke('health', {}).then((h) => stores.health.set(h)),
    ]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    stores.loadError.set(failed ? String((failed.reason as Error)?.message ?? failed.reason) : null);
  }

  stores.health.subscribe(() => stores.drills.observe(stores.health.get()));
  client.on('live', (p) => stores.live.apply(p.samples));
  client.on('alarms', (p) => stores.alarms.merge(p.changed));
  client.on('flags', (p) => stores.flags.merge(p.changed));
  client.on('health', (h) => stores.health.set(h));
  client.onLinkState((state) => {
    const wasDown = stores.link.get() !== 'open';
    stores.link.set(state);
    if (state === 'open' && wasDown) void resync();
  });
  void resync();
  return stores;
}
