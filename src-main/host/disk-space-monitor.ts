// "Disk nearly full" system alarm: checks the free space of the data directory's file system (fs.statfs) every
// so often and raises a system alarm when it drops below the configured percentage or megabytes.
import { statfs } from 'node:fs/promises';
import type { SystemCondition } from '../services/alarm-service.js';
import type { Log } from '../services/ports.js';

export interface DiskSpace {
  freeBytes: number;
  totalBytes: number;
}

export interface DiskSpaceMonitorOptions {
  dir: string;
  minFreePercent: number;
  minFreeMb: number;
  alarms: { setSystemCondition(key: string, condition: SystemCondition): void };
  log: Log;
  /** Replaced in tests; defaults to fs.statfs of `dir`. */
  measure?: (dir: string) => Promise<DiskSpace>;
}

export const DISK_CONDITION_KEY = 'disk/data-dir/nearly-full';

async function statfsSpace(dir: string): Promise<DiskSpace> {
  const s = await statfs(dir);
  // bavail: blocks available to an unprivileged process (what PlantBridge can actually use).
  return { freeBytes: Number(s.bavail) * Number(s.bsize), totalBytes: Number(s.blocks) * Number(s.bsize) };
}

function gb(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(bytes < 10 * 1024 ** 3 ? 2 : 1)} GB`;
}

/** Whether the space is too low, and the operator's explanation. */
export function diskCondition(space: DiskSpace, dir: string, minFreePercent: number, minFreeMb: number): SystemCondition {
  const percent = space.totalBytes > 0 ? (space.freeBytes / space.totalBytes) * 100 : 100;
  const low = percent < minFreePercent || space.freeBytes < minFreeMb * 1024 * 1024;
  return {
    active: low,
    label: 'Disk space of the data directory',
    message: `Data directory ${dir} has ${gb(space.freeBytes)} free of ${gb(space.totalBytes)} (${percent.toFixed(1)} %); the alarm limit is ${minFreePercent} % or ${minFreeMb} MB: historian, journal and outbox writes will fail when it is full`,
    priority: 1,
  };
}

export class DiskSpaceMonitor {
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(private readonly opts: DiskSpaceMonitorOptions) {}

  /** One check; a failing statfs is logged (once per failure run), never thrown. */
  async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const o = this.opts;
      const space = await (o.measure ?? statfsSpace)(o.dir);
      o.alarms.setSystemCondition(DISK_CONDITION_KEY, diskCondition(space, o.dir, o.minFreePercent, o.minFreeMb));
    } catch (err) {
      this.opts.log.warn({ err, dir: this.opts.dir }, 'could not measure the free disk space of the data directory');
    } finally {
      this.checking = false;
    }
  }

  start(intervalMs: number): void {
    void this.check();
    this.timer ??= setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
