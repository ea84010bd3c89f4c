// Watches one edge node's messages and judges them against the Sparkplug 3.0 rules an MQTT subscriber can see.
// Messages before the first NBIRTH are ignored (the check may join mid-session; it requests a rebirth to start).
import { parseHostState, parseSparkplugTopic, stateTopic } from '../../../domain/sparkplug/index.js';
import type { CheckOutcome, SparkplugCheckResult } from './check-report.js';
import { decodeObservedPayload, type ObservedPayload } from './observed-payload.js';

const DAY_MS = 86_400_000;

class Rule {
  failures: string[] = [];
  checks = 0;
  constructor(
    readonly rule: string,
    readonly tckIds: string[],
    readonly statement: string,
  ) {}
  check(ok: boolean, failure: () => string): void {
    this.checks++;
    if (ok) return;
    // Three examples say enough; an ellipsis marks that there were more.
    if (this.failures.length < 3) this.failures.push(failure());
    else if (this.failures.length === 3) this.failures.push('…');
  }
  result(passEvidence: string, observed = this.checks > 0): SparkplugCheckResult {
    const outcome: CheckOutcome = this.failures.length > 0 ? 'fail' : observed ? 'pass' : 'not-observed';
    const evidence = outcome === 'fail' ? this.failures.join('; ') : outcome === 'pass' ? passEvidence : 'no message of the kind was seen';
    return { rule: this.rule, tckIds: this.tckIds, statement: this.statement, outcome, evidence };
  }
}

export class CheckObserver {
  groupId: string | null;
  edgeNodeId: string | null;
  messages = 0;
  private born = false;
  private lastBdSeq: number | null = null;
  private prevSeq: number | null = null;
  private wraps = 0;
  private sequenced = 0;
  private bornDevices = new Set<string>();
  private aliases = new Map<number, string>();
  private nbirths: { at: number; bdSeq: number | null; afterDeath: boolean }[] = [];
  private deathSinceBirth = false;
  private rebirthRequests: number[] = [];
  private hostOnline: boolean | null = null;
  private hostLastOnlineTs = -1;
  private hostOfflinePending = false;
  private readonly r = {
    decode: new Rule('payload-decodes', ['tck-id-payloads-sequence-num-always-included'], 'Every message is a Sparkplug B payload; all but NDEATH carry seq'),
    birthQos: new Rule('birth-qos-retain', ['tck-id-payloads-nbirth-qos', 'tck-id-payloads-nbirth-retain', 'tck-id-payloads-dbirth-qos', 'tck-id-payloads-dbirth-retain'], 'NBIRTH/DBIRTH at QoS 0, not retained'),
    nbirthSeq: new Rule('nbirth-seq-zero', ['tck-id-payloads-nbirth-seq', 'tck-id-payloads-sequence-num-zero-nbirth'], 'NBIRTH has seq 0'),
    seq: new Rule('seq-continuity', ['tck-id-payloads-sequence-num-incrementing', 'tck-id-payloads-ndata-seq-inc', 'tck-id-payloads-dbirth-seq-inc', 'tck-id-payloads-ddata-seq-inc'], 'seq +1 per message, 255 -> 0'),
    ndeathSeq: new Rule('ndeath-no-seq', ['tck-id-payloads-ndeath-seq'], 'NDEATH carries no seq'),
    bdSeq: new Rule('bdseq-match', ['tck-id-payloads-ndeath-bdseq', 'tck-id-payloads-nbirth-bdseq'], 'NDEATH repeats the bdSeq of the NBIRTH it ends'),
    will: new Rule('will-qos-retain', ['tck-id-payloads-ndeath-will-message-qos', 'tck-id-payloads-ndeath-will-message-retain'], 'NDEATH (the will) at QoS 1, not retained'),
    order: new Rule('births-before-data', ['tck-id-principles-birth-certificates-order', 'tck-id-payloads-dbirth-order', 'tck-id-payloads-ddata-order', 'tck-id-payloads-ndata-order'], 'No DATA for a node or device before its birth'),
    rebirthMetric: new Rule('rebirth-metric', ['tck-id-payloads-nbirth-rebirth-req', 'tck-id-operational-behavior-data-commands-rebirth-name-aliases'], 'NBIRTH has Node Control/Rebirth = false, Boolean, without alias'),
    aliases: new Rule('aliases', ['tck-id-payloads-alias-uniqueness', 'tck-id-payloads-alias-birth-requirement', 'tck-id-payloads-alias-data-cmd-requirement'], 'Aliases unique per node; DATA uses aliases only'),
    datatypes: new Rule('datatypes-in-births-only', ['tck-id-payloads-metric-datatype-req', 'tck-id-payloads-metric-datatype-not-req'], 'Datatypes in births, not in DATA'),
    rebirth: new Rule('rebirth-honoured', ['tck-id-operational-behavior-data-commands-rebirth-action-1', 'tck-id-operational-behavior-data-commands-rebirth-action-2', 'tck-id-operational-behavior-data-commands-rebirth-action-3'], 'NCMD Rebirth answered by NBIRTH (same bdSeq) and DBIRTHs'),
    time: new Rule('timestamps-utc-ms', ['tck-id-payloads_timestamp_in_UTC', 'tck-id-payloads-name-birth-data-requirement', 'tck-id-payloads_metric_timestamp_in_UTC'], 'Payload and metric timestamps present, UTC milliseconds'),
    state: new Rule('primary-host-state', ['tck-id-message-flow-edge-node-birth-publish-phid-wait', 'tck-id-operational-behavior-edge-node-termination-host-offline'], 'Births only while the primary host is online; NDEATH when it goes offline'),
  };

  constructor(
    opts: { groupId?: string | undefined; edgeNodeId?: string | undefined; primaryHostId?: string | undefined },
    private readonly now: () => number,
  ) {
    this.groupId = opts.groupId ?? null;
    this.edgeNodeId = opts.edgeNodeId ?? null;
    this.primaryHostId = opts.primaryHostId ?? null;
  }
  readonly primaryHostId: string | null;

  rebirthRequested(): void {
    this.rebirthRequests.push(this.now());
  }

  observe(topic: string, payload: Uint8Array, qos: number, retain: boolean): void {
    if (this.primaryHostId !== null && topic === stateTopic(this.primaryHostId)) return this.observeState(payload);
    const t = parseSparkplugTopic(topic);
    if (t === null || t.type.endsWith('CMD')) return;
    if (this.groupId === null || this.edgeNodeId === null) {
      this.groupId ??= t.groupId;
      this.edgeNodeId ??= t.edgeNodeId;
    }
    if (t.groupId !== this.groupId || t.edgeNodeId !== this.edgeNodeId) return;
    this.messages++;
    let p: ObservedPayload;
    try {
      p = decodeObservedPayload(payload);
    } catch (err) {
      this.r.decode.check(false, () => `${t.type}: ${(err as Error).message}`);
      return;
    }
    this.r.decode.check(t.type === 'NDEATH' || p.seq !== undefined, () => `${t.type} without seq`);
    if (t.type === 'NDEATH') return this.observeDeath(p, qos, retain);
    if (t.type === 'NBIRTH') this.observeNbirth(p);
    if (!this.born) return;
    this.observeSeq(t.type, p);
    this.observeTimes(t.type, p);
    if (t.type === 'DBIRTH' || t.type === 'NBIRTH') {
      this.r.birthQos.check(qos === 0 && !retain, () => `${t.type} at QoS ${qos}${retain ? ', retained' : ''}`);
      for (const m of p.metrics) {
        this.r.datatypes.check(m.datatype !== undefined, () => `${t.type} metric ${m.name ?? m.alias} without datatype`);
        if (m.name === 'Node Control/Rebirth') continue;
        this.r.aliases.check(m.name !== undefined && m.alias !== undefined, () => `${t.type} metric ${m.name ?? '?'} lacks name or alias`);
        if (m.alias === undefined) continue;
        const owner = this.aliases.get(m.alias);
        const me = `${t.deviceId ?? ''}/${m.name ?? ''}`;
        this.r.aliases.check(owner === undefined || owner === me, () => `alias ${m.alias} used by ${owner} and ${me}`);
        this.aliases.set(m.alias, me);
      }
      if (t.type === 'DBIRTH' && t.deviceId !== null) this.bornDevices.add(t.deviceId);
    } else if (t.type === 'DDATA' || t.type === 'NDATA') {
      this.r.order.check(t.type === 'NDATA' || (t.deviceId !== null && this.bornDevices.has(t.deviceId)), () => `DDATA for ${t.deviceId} before its DBIRTH`);
      for (const m of p.metrics) {
        this.r.aliases.check(m.name === undefined && m.alias !== undefined && this.aliases.has(m.alias), () => `${t.type} metric ${m.name ?? m.alias} not by a known alias only`);
        this.r.datatypes.check(m.datatype === undefined, () => `${t.type} metric ${m.alias ?? m.name} carries a datatype`);
      }
    } else if (t.type === 'DDEATH' && t.deviceId !== null) this.bornDevices.delete(t.deviceId);
  }

  private observeNbirth(p: ObservedPayload): void {
    const bd = p.metrics.find((m) => m.name === 'bdSeq');
    const bdSeq = bd === undefined ? null : Number(bd.value);
    this.r.nbirthSeq.check(p.seq === 0, () => `NBIRTH seq ${p.seq}`);
    const rebirth = p.metrics.find((m) => m.name === 'Node Control/Rebirth');
    this.r.rebirthMetric.check(rebirth !== undefined && rebirth.value === false && rebirth.datatype === 11 && rebirth.alias === undefined, () => `Node Control/Rebirth ${JSON.stringify(rebirth ?? 'missing')}`);
    if (this.primaryHostId !== null && this.hostOnline !== null) {
      this.r.state.check(this.hostOnline, () => 'NBIRTH while the primary host was offline');
    }
    this.nbirths.push({ at: this.now(), bdSeq, afterDeath: this.deathSinceBirth });
    this.deathSinceBirth = false;
    this.born = true;
    this.lastBdSeq = bdSeq;
    this.prevSeq = null;
    this.bornDevices.clear();
    this.aliases.clear();
    this.hostOfflinePending = false;
  }

  private observeDeath(p: ObservedPayload, qos: number, retain: boolean): void {
    this.r.ndeathSeq.check(p.seq === undefined, () => `NDEATH with seq ${p.seq}`);
    this.r.will.check(qos === 1 && !retain, () => `NDEATH delivered at QoS ${qos}${retain ? ', retained' : ''}`);
    const bd = p.metrics.find((m) => m.name === 'bdSeq');
    if (this.lastBdSeq !== null) {
      this.r.bdSeq.check(bd !== undefined && Number(bd.value) === this.lastBdSeq, () => `NDEATH bdSeq ${String(bd?.value)} after NBIRTH bdSeq ${this.lastBdSeq}`);
    }
    if (this.hostOfflinePending) this.r.state.check(true, () => '');
    this.hostOfflinePending = false;
    this.born = false;
    this.deathSinceBirth = true;
  }

  private observeSeq(type: string, p: ObservedPayload): void {
    const seq = p.seq;
    if (seq === undefined) return;
    this.sequenced++;
    if (type !== 'NBIRTH' && this.prevSeq !== null) {
      const expected = (this.prevSeq + 1) % 256;
      this.r.seq.check(seq === expected, () => `${type} seq ${seq} after ${this.prevSeq}`);
      if (seq === 0 && this.prevSeq === 255) this.wraps++;
    }
    this.r.seq.check(seq >= 0 && seq <= 255, () => `seq ${seq} out of 0..255`);
    this.prevSeq = seq;
  }

  private observeTimes(type: string, p: ObservedPayload): void {
    const now = this.now();
    const plausible = (ts: number | undefined) => ts !== undefined && Math.abs(ts - now) < DAY_MS;
    this.r.time.check(plausible(p.timestamp), () => `${type} payload timestamp ${p.timestamp} is not UTC ms near ${now}`);
    if (type === 'DDEATH') return;
    const lastLive = new Map<number, number>();
    for (const m of p.metrics) {
      // Historical (store-and-forward) values may be far in the past: present is what counts for them.
      this.r.time.check(m.timestamp !== undefined && (m.isHistorical || plausible(m.timestamp)), () => `${type} metric ${m.alias ?? m.name} timestamp ${m.timestamp}`);
      if (m.isHistorical || m.alias === undefined || m.timestamp === undefined) continue;
      const prev = lastLive.get(m.alias);
      this.r.time.check(prev === undefined || m.timestamp >= prev, () => `${type} alias ${m.alias} values out of time order`);
      lastLive.set(m.alias, m.timestamp);
    }
  }

  private observeState(payload: Uint8Array): void {
    const parsed = parseHostState(payload);
    if (!parsed.ok) return;
    if (parsed.state.online) {
      this.hostOnline = true;
      this.hostLastOnlineTs = Math.max(this.hostLastOnlineTs, parsed.state.timestamp);
    } else if (parsed.state.timestamp >= this.hostLastOnlineTs) {
      this.hostOnline = false;
      if (this.born) this.hostOfflinePending = true;
    }
  }

  results(): SparkplugCheckResult[] {
    const r = this.r;
    const rebirthAfter = this.rebirthRequests.map((at) => this.nbirths.find((b) => b.at >= at));
    const answered = rebirthAfter.filter((b) => b !== undefined);
    const sameSession = this.nbirths.slice(1).filter((b) => !b.afterDeath);
    for (const b of sameSession) {
      const prev = this.nbirths[this.nbirths.indexOf(b) - 1];
      r.rebirth.check(b.bdSeq === prev?.bdSeq, () => `rebirth NBIRTH bdSeq ${b.bdSeq} differs from ${prev?.bdSeq}`);
    }
    if (this.rebirthRequests.length > 0) {
      r.rebirth.check(answered.length > 0, () => `no NBIRTH after ${this.rebirthRequests.length} rebirth request(s)`);
    }
    if (this.hostOfflinePending) r.state.check(false, () => 'primary host went offline but no NDEATH followed');
    return [
      r.decode.result(`${this.messages} payloads decoded`),
      r.birthQos.result('all births QoS 0, retain false'),
      r.nbirthSeq.result(`${this.nbirths.length} NBIRTH with seq 0`),
      r.seq.result(`${this.sequenced} sequenced messages in order, ${this.wraps} wrap(s) 255 -> 0`, this.sequenced > 1),
      r.ndeathSeq.result('NDEATH without seq'),
      r.bdSeq.result(`NDEATH bdSeq equals NBIRTH bdSeq ${this.lastBdSeq ?? ''}`.trim()),
      r.will.result('NDEATH delivered at QoS 1, not retained (the CONNECT will flags need the broker log or a capture)'),
      r.order.result(`${this.bornDevices.size} device(s) born before their data`),
      r.rebirthMetric.result('Node Control/Rebirth = false, Boolean, no alias'),
      r.aliases.result(`${this.aliases.size} unique aliases; DATA by alias only`),
      r.datatypes.result('datatypes in births only'),
      r.rebirth.result(`${answered.length}/${this.rebirthRequests.length} request(s) answered, bdSeq kept (${this.nbirths.map((b) => b.bdSeq).join(', ')})`, answered.length > 0),
      r.time.result('timestamps present, UTC ms, chronological per metric'),
      r.state.result(this.primaryHostId === null ? 'no primary host configured' : `STATE of ${this.primaryHostId} respected`, this.primaryHostId !== null && this.hostOnline !== null),
      {
        rule: 'clean-session-and-subscribe-first',
        tckIds: ['tck-id-principles-persistence-clean-session-311', 'tck-id-message-flow-edge-node-ncmd-subscribe'],
        statement: 'CONNECT with clean session; NCMD subscribed before NBIRTH',
        outcome: 'not-observed',
        evidence: 'not visible to a subscriber: see the broker log (mosquitto: "(p2, c1, …)", SUBSCRIBE before the NBIRTH PUBLISH)',
      },
    ];
  }
}
