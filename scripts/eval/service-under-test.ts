// The maintenance service exactly as the bridge composes it (host/app.ts: the project's `maintenance` section, here
// the default project's), on a plant-time clock and a quiet log: the eval measures the shipped defaults, tunes nothing.
import { defaultProject } from '../../src-main/host/config-load.js';
import { maintenanceOptions } from '../../src-main/host/maintenance-config.js';
import type { HistorianStore, Log } from '../../src-main/services/ports.js';
import { createMaintenanceService, type MaintenanceService } from '../../src-main/services/maintenance-service.js';

/** A clock the replay moves: plant time, never wall time. */
export class PlantClock {
  constructor(public ms: number) {}
  now(): number {
    return this.ms;
  }
}

/** Counts what the service logs, prints nothing (a replay of weeks would otherwise flood the terminal). */
export class CountingLog implements Log {
  warnings = 0;
  errors = 0;
  readonly lastErrors: string[] = [];
  debug(): void {}
  info(): void {}
  warn(): void {
    this.warnings++;
  }
  error(obj: object | string, msg?: string): void {
    this.errors++;
    if (this.lastErrors.length < 5) this.lastErrors.push(msg ?? JSON.stringify(obj));
  }
}

export function createServiceUnderTest(store: HistorianStore, clock: PlantClock, log: Log): MaintenanceService {
  // Same options as host/app.ts (flag history stays in the service's in-memory maintenance store); evaluation runs
  // inline so every batch is assessed at its own plant time.
  return createMaintenanceService({ store, clock, log, ...maintenanceOptions(defaultProject().maintenance), schedule: (run) => run() });
}
