// Sparkplug B side of the bench subscriber, decoded with the reference package (sparkplug-payload), independently
// of the bridge's own encoder: DBIRTHs (decodePayload) give alias → metric name, each DDATA metric is one change
// (its own timestamp gives the latency; is_historical marks replays), and `seq` is checked per edge node.
// DDATA goes through the package's generated protobuf decoder instead of decodePayload: DDATA metrics carry no
// datatype (tck-id-payloads-metric-datatype-not-req) and decodePayload picks the value by datatype, so it returns
// null for every DDATA value; a host takes the type from the birth, and here the set `value` oneof field is read.
import spb from 'sparkplug-payload';
import protoRoot from 'sparkplug-payload/lib/sparkplugPayloadProto.js';
import type { ChangeSink } from './json-decoder.js';

const codec = spb.get('spBv1.0');
const { Payload } = protoRoot.org.eclipse.tahu.protobuf;
type RawMetric = InstanceType<typeof Payload.Metric>;
// decode() builds Metric instances (so the `value` oneof getter exists), although the type says IMetric.
type RawPayload = Omit<InstanceType<typeof Payload>, 'metrics'> & { metrics: RawMetric[] };

/** The value of whichever value field the metric carries (NaN for non-numeric or null). */
function rawValue(m: RawMetric): number {
  if (m.isNull === true) return Number.NaN;
  const field = m.value;
  if (field === 'doubleValue' || field === 'floatValue' || field === 'intValue') return Number(m[field]);
  if (field === 'longValue') return num(m.longValue);
  if (field === 'booleanValue') return m.booleanValue ? 1 : 0;
  return Number.NaN;
}

interface LongLike {
  toNumber(): number;
}

/** uint64 fields come back as Long objects (protobufjs with long.js): to a plain number. */
function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v !== null && typeof (v as Partial<LongLike>).toNumber === 'function') return (v as LongLike).toNumber();
  return Number.NaN;
}

/** `load.load-<k>` / `value-<i>` (the simulator's load tags, one device per asset) → i, else −1. */
function loadIndexOf(deviceId: string, metricName: string): number {
  if (!deviceId.startsWith('load.')) return -1;
  const m = /^value-(\d+)$/.exec(metricName);
  return m?.[1] === undefined ? -1 : Number(m[1]);
}

/** Skipped seq numbers wait this many messages for a late arrival (QoS 0 births overtake QoS 1 DDATA) before
 * they count as a gap; well under 256 so a wrapped seq is never mistaken for a late one. */
const LATE_WINDOW = 64;

export interface SeqCounts {
  /** Messages carrying a seq (NBIRTH, DBIRTH, DDATA, DDEATH). */
  sequenced: number;
  /** seq numbers skipped and not seen within the next 64 messages. */
  gaps: number;
  /** seq numbers that arrived late (within 64 messages). */
  reordered: number;
  /** seq numbers neither expected nor late: repeats, or leftovers of an earlier session. */
  stale: number;
  nbirths: number;
  dbirths: number;
  /** DDATA metrics whose alias no DBIRTH had announced. */
  unknownAliases: number;
}

/** b − a, field by field. */
export function seqDelta(a: SeqCounts, b: SeqCounts): SeqCounts {
  const d = { ...b };
  for (const k of Object.keys(d) as Array<keyof SeqCounts>) d[k] = b[k] - a[k];
  return d;
}

class EdgeNodeSeq {
  next: number | null = null;
  /** Missing seq → number of messages seen since it went missing. */
  readonly missing = new Map<number, number>();
}

export class SparkplugDecoder {
  readonly counts: SeqCounts = { sequenced: 0, gaps: 0, reordered: 0, stale: 0, nbirths: 0, dbirths: 0, unknownAliases: 0 };
  /** alias → load index (−1 for other metrics), per edge node (`group/edge`). */
  private readonly aliases = new Map<string, Map<number, number>>();
  private readonly nodes = new Map<string, EdgeNodeSeq>();

  constructor() {
    if (codec === null) throw new Error('sparkplug-payload has no spBv1.0 codec');
  }

  /** Decodes one message below spBv1.0/; false for a payload that is not Sparkplug B. */
  handle(topic: string, payload: Buffer, now: number, sink: ChangeSink): boolean {
    // spBv1.0/<group>/<type>/<edge>[/<device>]
    const parts = topic.split('/');
    const type = parts[2] ?? '';
    if (type === 'STATE' || type === 'NCMD' || type === 'DCMD' || type === 'NDEATH') return true;
    const node = `${parts[1] ?? ''}/${parts[3] ?? ''}`;
    const deviceId = parts[4] ?? '';
    if (type === 'DDATA') return this.ddata(node, deviceId, payload, now, sink);
    let doc: ReturnType<NonNullable<typeof codec>['decodePayload']>;
    try {
      doc = (codec as NonNullable<typeof codec>).decodePayload(payload);
    } catch {
      return false;
    }
    if (doc.seq !== undefined && doc.seq !== null) this.checkSeq(node, type, num(doc.seq));
    const metrics = doc.metrics ?? [];
    if (type === 'DBIRTH') {
      this.counts.dbirths += 1;
      let map = this.aliases.get(node);
      if (map === undefined) this.aliases.set(node, (map = new Map()));
      for (const m of metrics) {
        const alias = num(m.alias);
        if (!Number.isNaN(alias) && typeof m.name === 'string') map.set(alias, loadIndexOf(deviceId, m.name));
      }
      return true;
    }
    return true;
  }

  private ddata(node: string, deviceId: string, payload: Buffer, now: number, sink: ChangeSink): boolean {
    let doc: RawPayload;
    try {
      doc = Payload.decode(payload) as RawPayload;
    } catch {
      return false;
    }
    if (Object.hasOwn(doc, 'seq')) this.checkSeq(node, 'DDATA', num(doc.seq));
    const map = this.aliases.get(node);
    for (const m of doc.metrics) {
      let load = -1;
      if (Object.hasOwn(m, 'name')) load = loadIndexOf(deviceId, m.name ?? '');
      else {
        const known = map?.get(num(m.alias));
        if (known === undefined) this.counts.unknownAliases += 1;
        else load = known;
      }
      sink(load, rawValue(m), num(m.timestamp), m.isHistorical === true, now);
    }
    return true;
  }

  private checkSeq(node: string, type: string, seq: number): void {
    this.counts.sequenced += 1;
    let s = this.nodes.get(node);
    if (s === undefined) this.nodes.set(node, (s = new EdgeNodeSeq()));
    for (const [missing, age] of s.missing) {
      if (age + 1 >= LATE_WINDOW) {
        s.missing.delete(missing);
        this.counts.gaps += 1;
      } else s.missing.set(missing, age + 1);
    }
    if (type === 'NBIRTH') {
      this.counts.nbirths += 1;
      s.next = (seq + 1) % 256;
      return;
    }
    if (s.next === null || seq === s.next) {
      s.next = (seq + 1) % 256;
    } else if (s.missing.delete(seq)) {
      this.counts.reordered += 1;
    } else {
      const ahead = (seq - s.next + 256) % 256;
      if (ahead < 128) {
        for (let k = 0; k < ahead; k++) s.missing.set((s.next + k) % 256, 0);
        s.next = (seq + 1) % 256;
      } else this.counts.stale += 1;
    }
  }

  /** Missing seq numbers still waiting count as gaps at the end. */
  settle(): void {
    for (const s of this.nodes.values()) {
      this.counts.gaps += s.missing.size;
      s.missing.clear();
    }
  }
}
