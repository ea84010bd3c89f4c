// Encodes PlantBridge's payload model with sparkplug-payload's generated Sparkplug B protobuf code, and decodes
// NCMD/DCMD payloads defensively. The generated encoder is used directly (not its `encodePayload` helper) because
// that helper always writes `datatype`, which DATA messages should not carry (tck-id-payloads-metric-datatype-not-req),
// and it is several times faster for large DDATA batches.
import protoRoot from 'sparkplug-payload/lib/sparkplugPayloadProto.js';
import { SpType, type SpMetric, type SpPayload, type SpProperty, type SpTypeCode } from '../../domain/sparkplug/index.js';

const { Payload } = protoRoot.org.eclipse.tahu.protobuf;

type ValueField = 'intValue' | 'longValue' | 'floatValue' | 'doubleValue' | 'booleanValue' | 'stringValue';

function valueField(type: SpTypeCode): ValueField {
  switch (type) {
    case SpType.Int16:
    case SpType.Int32:
    case SpType.UInt16:
      return 'intValue';
    case SpType.Int64:
    case SpType.UInt32:
      return 'longValue';
    case SpType.Float:
      return 'floatValue';
    case SpType.Double:
      return 'doubleValue';
    case SpType.Boolean:
      return 'booleanValue';
    case SpType.String:
      return 'stringValue';
  }
}

function encodeProperties(props: readonly SpProperty[]): { keys: string[]; values: Record<string, unknown>[] } {
  const keys: string[] = [];
  const values: Record<string, unknown>[] = [];
  for (const p of props) {
    keys.push(p.key);
    const v: Record<string, unknown> = { type: p.type };
    if (p.value === null) v['isNull'] = true;
    // Negative Int32 travel as their two's complement in uint32 (Payloads, "Datatype Details").
    else v[valueField(p.type)] = p.type === SpType.Int32 && typeof p.value === 'number' ? p.value >>> 0 : p.value;
    values.push(v);
  }
  return { keys, values };
}

function toWireMetric(m: SpMetric): Record<string, unknown> {
  const out: Record<string, unknown> = { timestamp: m.timestamp };
  if (m.name !== undefined) out['name'] = m.name;
  if (m.alias !== undefined) out['alias'] = m.alias;
  if (m.datatypeOnWire) out['datatype'] = m.type;
  if (m.isHistorical === true) out['isHistorical'] = true;
  if (m.value === null) out['isNull'] = true;
  else {
    const field = valueField(m.type);
    out[field] = field === 'intValue' && typeof m.value === 'number' ? m.value >>> 0 : m.value;
  }
  if (m.properties !== undefined && m.properties.length > 0) out['properties'] = encodeProperties(m.properties);
  return out;
}

export function encodeSparkplugPayload(payload: SpPayload): Uint8Array {
  const message: Record<string, unknown> = { timestamp: payload.timestamp, metrics: payload.metrics.map(toWireMetric) };
  if (payload.seq !== null) message['seq'] = payload.seq;
  return Payload.encode(message).finish();
}

/** One metric of an NCMD/DCMD as received: the value is not trusted yet (the command gate checks it). */
export interface CommandMetric {
  name: string | undefined;
  alias: number | undefined;
  timestamp: number | null;
  datatype: number | undefined;
  /** number (safe integers and floats), bigint (integers beyond 2^53), boolean, string, null, or undefined (none). */
  value: unknown;
}

export interface CommandPayload {
  timestamp: number | null;
  metrics: CommandMetric[];
}

interface LongLike {
  low: number;
  high: number;
  unsigned: boolean;
  toString(): string;
}

function isLong(v: unknown): v is LongLike {
  return typeof v === 'object' && v !== null && 'low' in v && 'high' in v;
}

/** A uint64 as a number when it is a safe integer, otherwise as a bigint (never silently rounded). */
function fromUint64(v: unknown, signed: boolean): number | bigint | undefined {
  if (typeof v === 'number') return v;
  if (!isLong(v)) return undefined;
  let big = BigInt(v.toString());
  if (signed && big >= 2n ** 63n) big -= 2n ** 64n;
  else if (big < 0n) big += 2n ** 64n;
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

function timestampOf(v: unknown): number | null {
  const t = fromUint64(v, false);
  return typeof t === 'number' ? t : null;
}

const SIGNED_INT = new Set<number>([1, 2, 3]);

function commandValue(raw: Record<string, unknown>, datatype: number | undefined): unknown {
  if (raw['isNull'] === true) return null;
  const field = raw['value'];
  switch (field) {
    case 'intValue': {
      const n = raw['intValue'] as number;
      return datatype !== undefined && SIGNED_INT.has(datatype) ? n | 0 : n;
    }
    case 'longValue':
      return fromUint64(raw['longValue'], datatype === 4);
    case 'floatValue':
    case 'doubleValue':
    case 'booleanValue':
    case 'stringValue':
      return raw[field];
    default:
      // Bytes, DataSet, Template or extensions: nothing a plant tag can take.
      return undefined;
  }
}

/** Decodes an NCMD/DCMD payload; throws a clear Error for anything that is not one (caller counts it as malformed). */
export function decodeCommandPayload(bytes: Uint8Array): CommandPayload {
  if (bytes.length === 0) throw new Error('empty payload');
  let decoded: Record<string, unknown>;
  try {
    decoded = Payload.decode(bytes) as unknown as Record<string, unknown>;
  } catch (err) {
    throw new Error(`not a Sparkplug B payload (${(err as Error).message})`);
  }
  const metrics = Array.isArray(decoded['metrics']) ? (decoded['metrics'] as Record<string, unknown>[]) : [];
  if (metrics.length === 0) throw new Error('payload has no metrics');
  return {
    timestamp: timestampOf(decoded['timestamp']),
    metrics: metrics.map((m) => {
      const datatype = typeof m['datatype'] === 'number' ? m['datatype'] : undefined;
      const alias = m['alias'] === undefined || m['alias'] === null ? undefined : fromUint64(m['alias'], false);
      return {
        name: typeof m['name'] === 'string' && Object.hasOwn(m, 'name') ? m['name'] : undefined,
        alias: typeof alias === 'number' && Object.hasOwn(m, 'alias') ? alias : undefined,
        timestamp: Object.hasOwn(m, 'timestamp') ? timestampOf(m['timestamp']) : null,
        datatype: Object.hasOwn(m, 'datatype') ? datatype : undefined,
        value: commandValue(m, datatype),
      };
    }),
  };
}
