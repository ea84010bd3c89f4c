// Decodes a Sparkplug B payload for the self-check, keeping which fields were present on the wire (a DATA metric
// with a datatype, a NDEATH with a seq): presence is what several rules are about.
import protoRoot from 'sparkplug-payload/lib/sparkplugPayloadProto.js';

const { Payload } = protoRoot.org.eclipse.tahu.protobuf;

export interface ObservedMetric {
  name?: string;
  alias?: number;
  datatype?: number;
  timestamp?: number;
  isHistorical: boolean;
  value: unknown;
}

export interface ObservedPayload {
  timestamp?: number;
  seq?: number;
  metrics: ObservedMetric[];
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v !== null && 'low' in v) return Number(String(v));
  return undefined;
}

export function decodeObservedPayload(bytes: Uint8Array): ObservedPayload {
  const raw = Payload.decode(bytes) as unknown as Record<string, unknown>;
  const has = (o: Record<string, unknown>, k: string) => Object.hasOwn(o, k) && o[k] !== null && o[k] !== undefined;
  const out: ObservedPayload = { metrics: [] };
  if (has(raw, 'timestamp')) out.timestamp = toNumber(raw['timestamp']) as number;
  if (has(raw, 'seq')) out.seq = toNumber(raw['seq']) as number;
  for (const m of (raw['metrics'] as Record<string, unknown>[] | undefined) ?? []) {
    const field = m['value'];
    const metric: ObservedMetric = {
      isHistorical: m['isHistorical'] === true,
      value: m['isNull'] === true ? null : typeof field === 'string' ? m[field] : undefined,
    };
    if (has(m, 'name')) metric.name = m['name'] as string;
    if (has(m, 'alias')) metric.alias = toNumber(m['alias']) as number;
    if (has(m, 'datatype')) metric.datatype = m['datatype'] as number;
    if (has(m, 'timestamp')) metric.timestamp = toNumber(m['timestamp']) as number;
    out.metrics.push(metric);
  }
  return out;
}
