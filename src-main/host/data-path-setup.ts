// The data path of DESIGN.md: every tag batch to every consumer, tag-list changes to everything that follows the
// catalog, and alarm and flag transitions to the UI events and the outputs.
import type { TagSample } from '../contract/index.js';
import type { AlarmService } from '../services/alarm-service.js';
import type { EventHub } from '../services/event-hub.js';
import type { LiveStream } from '../services/live-stream.js';
import type { MaintenanceService } from '../services/maintenance-service.js';
import type { BridgeServer, HistorianStore, Log, Uplink } from '../services/ports.js';
import type { TagBus } from '../services/tag-bus.js';
import type { TagCatalog } from '../services/tag-catalog.js';
import type { CoapTagServer } from '../adapters/coap/coap-tag-server.js';
import { publishAlarmChanges } from './alarm-outputs.js';

export interface DataPathDeps {
  bus: TagBus;
  catalog: TagCatalog;
  store: Pick<HistorianStore, 'append'>;
  /** The latest sample of every tag, kept up to date here. */
  latest: Map<string, TagSample>;
  /** Tags kept off the uplinks (read at each batch: edits change it in place). */
  uplinkOff: ReadonlySet<string>;
  uplinks(): readonly Uplink[];
  bridgeServer(): BridgeServer | null;
  coapServer: CoapTagServer | null;
  alarms: AlarmService;
  maintenance: MaintenanceService;
  live: LiveStream;
  events: EventHub;
  log: Log;
}

/** Connects the consumers; each only queues or does bounded work per batch. */
export function wireDataPath(d: DataPathDeps): void {
  const { bus, catalog, store, latest, uplinkOff, alarms, maintenance, live, events, coapServer, log } = d;
  bus.subscribe('snapshot', (b) => {
    for (const s of b.samples) latest.set(s.tagId, s);
  });
  bus.subscribe('historian', (b) => store.append(b));
  bus.subscribe('uplinks', (b) => {
    const out = uplinkOff.size === 0 ? b : { ...b, samples: b.samples.filter((s) => !uplinkOff.has(s.tagId)) };
    if (out.samples.length === 0) return;
    for (const u of d.uplinks()) u.publish(out);
  });
  bus.subscribe('bridge-server', (b) => d.bridgeServer()?.update(b));
  bus.subscribe('alarms', (b) => alarms.ingest(b));
  bus.subscribe('maintenance', (b) => maintenance.ingest(b));
  bus.subscribe('live', (b) => live.ingest(b));
  bus.subscribe('coap-server', (b) => coapServer?.update(b));
  catalog.onChange((tags) => {
    const bridgeServer = d.bridgeServer();
    bridgeServer?.setTags(tags);
    coapServer?.setTags(tags);
    for (const u of d.uplinks()) u.setTags(tags);
    alarms.setTags(tags);
    maintenance.setTags(tags);
    bridgeServer?.setAlarms(alarms.list('all'));
  });
  alarms.onChange((changed) => events.emit('alarms', { changed }));
  alarms.onChange((changed) => publishAlarmChanges(changed, { bridgeServer: d.bridgeServer(), uplinks: d.uplinks(), log }));
  maintenance.onChange((changed) => events.emit('flags', { changed }));
}
