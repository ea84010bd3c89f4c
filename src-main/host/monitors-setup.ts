// The bridge's background checks once everything runs: system-condition and disk-space alarms, the alarm service's
// own timers, the health event every second and the historian retention pass every hour.
import type { HealthDto } from '../contract/index.js';
import type { AlarmService } from '../services/alarm-service.js';
import type { EventHub } from '../services/event-hub.js';
import type { Clock, HistorianStore, Log, OpcuaSource, Uplink } from '../services/ports.js';
import { createSystemConditionMonitor } from '../services/system-conditions.js';
import type { ProjectConfig } from './config-schema.js';
import { DiskSpaceMonitor } from './disk-space-monitor.js';

export interface MonitorDeps {
  dataDir: string;
  systemAlarms: ProjectConfig['systemAlarms'];
  alarms: AlarmService;
  sources(): OpcuaSource[];
  uplinks(): readonly Uplink[];
  health(): HealthDto;
  events: EventHub;
  store: Pick<HistorianStore, 'applyRetention'>;
  clock: Clock;
  log: Log;
  /** Registers a stop step with the composition root (stopped in reverse order). */
  onStop(stop: () => Promise<void> | void): void;
}

export function startMonitors(d: MonitorDeps): void {
  const { alarms, clock, log, store, events } = d;
  const conditions = createSystemConditionMonitor({
    alarms,
    sources: () => d.sources().map((src) => src.status()),
    uplinks: () => d.uplinks().map((u) => u.status()),
    clock,
  });
  conditions.start();
  d.onStop(() => conditions.stop());
  alarms.start();
  d.onStop(async () => {
    alarms.stop();
    await alarms.flush();
  });
  const disk = new DiskSpaceMonitor({
    dir: d.dataDir,
    minFreePercent: d.systemAlarms.diskMinFreePercent,
    minFreeMb: d.systemAlarms.diskMinFreeMb,
    alarms,
    log,
  });
  disk.start(d.systemAlarms.diskCheckSeconds * 1000);
  d.onStop(() => disk.stop());

  const healthTimer = setInterval(() => events.emit('health', d.health()), 1000);
  const retentionTimer = setInterval(() => {
    store.applyRetention(clock.now()).catch((err: unknown) => log.error({ err }, 'retention failed'));
  }, 3_600_000);
  d.onStop(() => {
    clearInterval(healthTimer);
    clearInterval(retentionTimer);
  });
  // Not awaited: under heavy ingest the retention pass waits for the writer, and start-up must not.
  store.applyRetention(clock.now()).catch((err: unknown) => log.error({ err }, 'retention failed'));
}
