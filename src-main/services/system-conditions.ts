// Watches PlantBridge's own health and turns it into system alarms an operator sees on the alarm banner: a plant
// source that stays disconnected, an uplink that stays down (with what is buffered), a store-and-forward that has
// started dropping data. A short grace period keeps reconnects that heal themselves off the banner.
import type { SourceStatus, UplinkStatus } from '../contract/index.js';
import type { SystemCondition } from './alarm-service.js';
import type { Clock } from './ports.js';

export interface SystemConditionDeps {
  alarms: { setSystemCondition(key: string, condition: SystemCondition): void };
  sources: () => SourceStatus[];
  uplinks: () => UplinkStatus[];
  clock: Clock;
  /** How long a connection may stay down before it is an alarm. */
  graceMs?: number;
  /** How long an outbox drop keeps its alarm active after the last drop. */
  dataLossHoldMs?: number;
}

export interface SystemConditionMonitor {
  /** Evaluates every condition now (called every second by start()). */
  check(): void;
  start(intervalMs?: number): void;
  stop(): void;
}

export function createSystemConditionMonitor(d: SystemConditionDeps): SystemConditionMonitor {
  const graceMs = d.graceMs ?? 15_000;
  const holdMs = d.dataLossHoldMs ?? 60_000;
  const lastDrop = new Map<string, { dropped: number; at: number }>();
  let timer: NodeJS.Timeout | null = null;

  function check(): void {
    const now = d.clock.now();
    for (const s of d.sources()) {
      const down = s.state !== 'connected' && now - s.since >= graceMs;
      d.alarms.setSystemCondition(`source/${s.id}/disconnected`, {
        active: down,
        label: `OPC UA source ${s.id}`,
        message: `OPC UA source ${s.id} ${s.state} since ${new Date(s.since).toISOString()}${s.lastError ? `: ${s.lastError}` : ''}`,
        priority: 2,
      });
    }
    for (const u of d.uplinks()) {
      if (u.state === 'disabled') continue;
      const down = u.state !== 'connected' && now - u.since >= graceMs;
      const buffered = u.outbox ? `; ${u.outbox.depth.toLocaleString('en')} messages buffered` : '';
      d.alarms.setSystemCondition(`uplink/${u.id}/down`, {
        active: down,
        label: `Uplink ${u.id}`,
        message: `Uplink ${u.id} ${u.state}${u.lastError ? `: ${u.lastError}` : ''}${buffered}`,
        priority: 2,
      });
      if (!u.outbox) continue;
      const seen = lastDrop.get(u.id);
      if (!seen || u.outbox.dropped !== seen.dropped) {
        lastDrop.set(u.id, { dropped: u.outbox.dropped, at: seen ? now : Number.NEGATIVE_INFINITY });
      }
      const since = lastDrop.get(u.id)?.at ?? Number.NEGATIVE_INFINITY;
      d.alarms.setSystemCondition(`uplink/${u.id}/data-lost`, {
        active: now - since < holdMs,
        label: `Store-and-forward of ${u.id}`,
        message: `Store-and-forward of ${u.id} is full: ${u.outbox.dropped.toLocaleString('en')} oldest messages dropped (gap recorded)`,
        priority: 1,
      });
    }
  }

  return {
    check,
    start(intervalMs = 1000) {
      timer ??= setInterval(check, intervalMs);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
