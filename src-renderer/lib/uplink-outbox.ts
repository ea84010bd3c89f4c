// Uplink and outbox shaping for the top-bar chips and the Connections cards: what is abnormal, how full the
// outbox is, and when the backlog will be gone at the current drain rate.
import type { OutboxStatus, UplinkKind, UplinkStatus } from '../../src-main/contract/index.js';
import { formatDuration } from './format.js';

export const uplinkKindLabels: Record<UplinkKind, string> = {
  'mqtt-json': 'MQTT JSON',
  sparkplug: 'Sparkplug B',
  coap: 'CoAP',
  onem2m: 'oneM2M',
  lwm2m: 'LwM2M',
};

export function uplinkLabel(u: Pick<UplinkStatus, 'kind' | 'id'>): string {
  return uplinkKindLabels[u.kind] ?? u.id;
}

/** Connected or switched off are normal; every other state means data is not reaching the broker. */
export function uplinkAbnormal(u: Pick<UplinkStatus, 'state'>): boolean {
  return u.state !== 'connected' && u.state !== 'disabled';
}

/** A backlog older than this is an outage's leftovers, not the few messages always waiting for their PUBACK. */
export const BACKLOG_AGE_MS = 5000;

/** Connected and still sending out what piled up during an outage. */
export function uplinkDraining(u: Pick<UplinkStatus, 'state' | 'outbox'>): boolean {
  return u.state === 'connected' && u.outbox !== null && u.outbox.depth > 0 && u.outbox.oldestAgeMs >= BACKLOG_AGE_MS;
}

/** Time until the backlog is gone at the current drain rate (ms), or null when it is not draining. */
export function drainEtaMs(o: Pick<OutboxStatus, 'depth' | 'drainRatePerSec'>): number | null {
  if (o.depth <= 0 || !(o.drainRatePerSec > 0) || !Number.isFinite(o.drainRatePerSec)) return null;
  return (o.depth / o.drainRatePerSec) * 1000;
}

/** `< 1 s`, `≈ 45 s`, `≈ 12 min`; an em dash when not draining. */
export function formatEta(etaMs: number | null): string {
  if (etaMs === null || !Number.isFinite(etaMs)) return '—';
  if (etaMs < 1000) return '< 1 s';
  return `≈ ${formatDuration(etaMs)}`;
}

/** The drain ETA of an uplink: only a connected uplink drains (a rate average may linger after a cut). */
export function uplinkDrainEtaMs(u: Pick<UplinkStatus, 'state' | 'outbox'>): number | null {
  return u.state === 'connected' && u.outbox ? drainEtaMs(u.outbox) : null;
}

export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '—';
  if (n < 1024) return `${Math.round(n)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} ${units[i]}`;
}

/** Outbox fill in percent of its size limit, 0…100. */
export function outboxFillPct(o: Pick<OutboxStatus, 'bytes' | 'maxBytes'>): number {
  if (!(o.maxBytes > 0)) return 0;
  return Math.max(0, Math.min(100, (o.bytes / o.maxBytes) * 100));
}

/** Above this fill the oldest messages are about to be dropped: shown as abnormal. */
export const OUTBOX_FULL_WARN_PCT = 80;

export function formatRate(perSec: number): string {
  if (!Number.isFinite(perSec) || perSec <= 0) return '0 /s';
  return perSec >= 100 ? `${Math.round(perSec).toLocaleString()} /s` : `${perSec.toFixed(1)} /s`;
}

/** The text of an uplink's top-bar chip: state, and the backlog with its drain ETA when there is one. */
export function uplinkChipText(u: UplinkStatus): string {
  const name = uplinkLabel(u);
  const o = u.outbox;
  const backlog = o && o.depth > 0 ? ` · ${o.depth.toLocaleString()} buffered` : '';
  const eta = uplinkDrainEtaMs(u);
  if (uplinkDraining(u)) return `${name} draining${backlog} · ETA ${formatEta(eta)}`;
  return `${name} ${u.state}${backlog}${eta !== null ? ` · ETA ${formatEta(eta)}` : ''}`;
}
