// The "disk nearly full" system alarm: thresholds in percent and megabytes, and a failing statfs that never throws.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DiskSpaceMonitor, diskCondition } from '../../../src-main/host/disk-space-monitor.js';
import { createAlarmService, type SystemCondition } from '../../../src-main/services/alarm-service.js';
import { FakeStore } from '../../fixtures/fake-store.js';
import { recordingLog } from '../store/store-fixtures.js';

const GB = 1024 ** 3;

describe('disk space system alarm', () => {
  it('is active below the free percentage or below the free megabytes', () => {
    assert.equal(diskCondition({ freeBytes: 4 * GB, totalBytes: 100 * GB }, '/d', 5, 1024).active, true);
    assert.equal(diskCondition({ freeBytes: 6 * GB, totalBytes: 100 * GB }, '/d', 5, 1024).active, false);
    assert.equal(diskCondition({ freeBytes: 0.5 * GB, totalBytes: 5 * GB }, '/d', 5, 1024).active, true);
    assert.match(diskCondition({ freeBytes: 4 * GB, totalBytes: 100 * GB }, '/d', 5, 1024).message, /\/d has 4.00 GB free of 100.0 GB \(4.0 %\)/);
  });

  it('raises and clears a system alarm through the alarm service', async () => {
    const alarms = createAlarmService({ store: new FakeStore(), clock: { now: () => 1 }, log: recordingLog() });
    let free = 1 * GB;
    const monitor = new DiskSpaceMonitor({ dir: '/data', minFreePercent: 5, minFreeMb: 1024, alarms, log: recordingLog(), measure: async () => ({ freeBytes: free, totalBytes: 100 * GB }) });
    await monitor.check();
    assert.deepEqual(alarms.list('active').map((a) => [a.id, a.priority]), [['plantbridge/system/disk/data-dir/nearly-full#SYS', 1]]);
    free = 50 * GB;
    await monitor.check();
    assert.equal(alarms.list('active')[0]?.state, 'rtn-unacknowledged');
  });

  it('measures a real directory with fs.statfs, and logs (never throws) when it cannot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-disk-'));
    try {
      const seen: SystemCondition[] = [];
      const log = recordingLog();
      const sink = { setSystemCondition: (_k: string, c: SystemCondition) => void seen.push(c) };
      await new DiskSpaceMonitor({ dir, minFreePercent: 0, minFreeMb: 0, alarms: sink, log }).check();
      assert.equal(seen.length, 1);
      assert.equal(seen[0]?.active, false);
      await new DiskSpaceMonitor({ dir: join(dir, 'missing'), minFreePercent: 5, minFreeMb: 1, alarms: sink, log }).check();
      assert.equal(seen.length, 1);
      assert.ok(log.lines.some((l) => /could not measure the free disk space/.test(l.msg ?? '')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
