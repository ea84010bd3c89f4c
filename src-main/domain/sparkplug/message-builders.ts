// Builds the payloads of the edge node's messages from the metric catalog (Payloads chapter, NBIRTH … DDEATH).
import type { Quality, TagValue } from '../../contract/index.js';
import { coerceValue, qualityProperties } from './datatypes.js';
import type { DeviceEntry, MetricEntry } from './metric-catalog.js';
import { SpType, type SpMetric, type SpPayload, type SpProperty } from './payload-model.js';

export const BDSEQ_METRIC = 'bdSeq';
export const REBIRTH_METRIC = 'Node Control/Rebirth';
export const SOFTWARE_METRIC = 'Properties/Software';
const BDSEQ_ALIAS = 1;
const SOFTWARE_ALIAS = 2;

/** The will and the intentional NDEATH: bdSeq only, no seq (tck-id-payloads-ndeath-seq, -bdseq). */
export function ndeathPayload(bdSeq: number, now: number): SpPayload {
  return {
    timestamp: now,
    seq: null,
    metrics: [{ name: BDSEQ_METRIC, timestamp: now, type: SpType.Int64, datatypeOnWire: true, value: bdSeq }],
  };
}

/**
 * NBIRTH: seq 0, the bdSeq of the current CONNECT, `Node Control/Rebirth` = false without alias
 * (tck-id-operational-behavior-data-commands-rebirth-name-aliases), and the software identity.
 */
export function nbirthPayload(bdSeq: number, now: number, software: string): SpPayload {
  return {
    timestamp: now,
    seq: 0,
    metrics: [
      { name: BDSEQ_METRIC, alias: BDSEQ_ALIAS, timestamp: now, type: SpType.Int64, datatypeOnWire: true, value: bdSeq },
      { name: REBIRTH_METRIC, timestamp: now, type: SpType.Boolean, datatypeOnWire: true, value: false },
      { name: SOFTWARE_METRIC, alias: SOFTWARE_ALIAS, timestamp: now, type: SpType.String, datatypeOnWire: true, value: software },
    ],
  };
}

function birthProperties(m: MetricEntry): SpProperty[] {
  const t = m.tag;
  const props: SpProperty[] = [
    { key: 'TagId', type: SpType.String, value: t.id },
    { key: 'NodeId', type: SpType.String, value: t.nodeId },
  ];
  if (t.unit !== '') props.push({ key: 'EngUnit', type: SpType.String, value: t.unit });
  if (t.euRange !== null) {
    props.push({ key: 'EngLow', type: SpType.Double, value: t.euRange.low });
    props.push({ key: 'EngHigh', type: SpType.Double, value: t.euRange.high });
  }
  if (t.description !== '') props.push({ key: 'Description', type: SpType.String, value: t.description });
  props.push({ key: 'Writable', type: SpType.Boolean, value: t.writable });
  const quality = qualityProperties(m.last?.quality ?? 'stale');
  if (quality !== undefined) props.push(...quality);
  return props;
}

/** DBIRTH: every metric of the device with name, alias, datatype, last value (null if none yet) and properties. */
export function dbirthPayload(device: DeviceEntry, seq: number, now: number): SpPayload {
  return {
    timestamp: now,
    seq,
    metrics: device.metrics.map((m) => ({
      name: m.name,
      alias: m.alias,
      timestamp: m.last?.ts ?? now,
      type: m.type,
      datatypeOnWire: true,
      value: m.last === null ? null : coerceValue(m.type, m.last.value),
      properties: birthProperties(m),
    })),
  };
}

export interface DataValue {
  entry: MetricEntry;
  ts: number;
  value: TagValue;
  quality: Quality;
}

/** DDATA: aliases only, no names, no datatypes; the values in the order given (chronological per metric). */
export function ddataPayload(values: readonly DataValue[], seq: number, now: number, historical: boolean): SpPayload {
  const metrics: SpMetric[] = new Array<SpMetric>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as DataValue;
    const metric: SpMetric = {
      alias: v.entry.alias,
      timestamp: v.ts,
      type: v.entry.type,
      datatypeOnWire: false,
      value: coerceValue(v.entry.type, v.value),
    };
    if (historical) metric.isHistorical = true;
    const props = qualityProperties(v.quality);
    if (props !== undefined) metric.properties = props;
    metrics[i] = metric;
  }
  return { timestamp: now, seq, metrics };
}

/** DDEATH: timestamp and seq only. */
export function ddeathPayload(seq: number, now: number): SpPayload {
  return { timestamp: now, seq, metrics: [] };
}
