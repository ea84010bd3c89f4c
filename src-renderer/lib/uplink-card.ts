// What the generic uplink card shows for any protocol: what the peer is called, the counters in the same words
// for every uplink (acknowledged, queued, retried, dropped) and the kind-specific address label.
import type { UplinkKind, UplinkStatus } from '../../src-main/contract/index.js';

const PEER: Record<UplinkKind, string> = {
  'mqtt-json': 'Broker',
  sparkplug: 'Broker',
  coap: 'CoAP server',
  onem2m: 'CSE',
  lwm2m: 'LwM2M server',
};

const PREFIX: Record<UplinkKind, string> = {
  'mqtt-json': 'Topic prefix',
  sparkplug: 'Topic prefix',
  coap: 'Path',
  onem2m: 'AE',
  lwm2m: 'Endpoint',
};

export function peerLabel(kind: UplinkKind): string {
  return PEER[kind] ?? 'Peer';
}

export function prefixLabel(kind: UplinkKind): string {
  return PREFIX[kind] ?? 'Prefix';
}

export interface CounterRow {
  key: 'acknowledged' | 'queued' | 'retried' | 'dropped';
  label: string;
  value: number;
  /** Shown as abnormal (dropped messages). */
  bad: boolean;
}

/** Acknowledged = `published`, queued, retried (only where the uplink counts it), dropped = `failed`. */
export function counterRows(u: Pick<UplinkStatus, 'published' | 'queued' | 'retried' | 'failed'>): CounterRow[] {
  const rows: CounterRow[] = [
    { key: 'acknowledged', label: 'Acknowledged', value: u.published, bad: false },
    { key: 'queued', label: 'Queued', value: u.queued ?? 0, bad: false },
  ];
  if (u.retried !== null && u.retried !== undefined) rows.push({ key: 'retried', label: 'Retried', value: u.retried, bad: false });
  rows.push({ key: 'dropped', label: 'Dropped', value: u.failed, bad: u.failed > 0 });
  return rows;
}

/** `Connection OK: …` or `Connection failed: …`, with the round trip time. */
export function testOutcomeText(r: { ok: boolean; message: string; durationMs: number }): string {
  return `${r.ok ? 'Connection OK' : 'Connection failed'}: ${r.message} (${Math.max(0, Math.round(r.durationMs))} ms)`;
}
