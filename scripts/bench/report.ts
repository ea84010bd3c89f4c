// The bench's result: one JSON document (machine-readable, last line of stdout) and a table for people.
import type { BenchArgs } from './args.js';
import type { CounterWindowResult } from './mqtt-counter.js';
import type { HistorianWindowCheck, OutageHistorianCheck } from './historian-check.js';
import type { OutageResult } from './outage-run.js';
import type { SeqCounts } from './sparkplug-decoder.js';

export interface ProcessFigures {
  cpuPercent: number;
  rssMb: number;
  rssPeakMb: number;
}

export interface BenchResult {
  config: Omit<BenchArgs, 'json' | 'profileDir' | 'keep' | 'plantbridge'> & { node: string; cpus: number; plantbridge: string };
  setup: { monitoredItems: number; readyAfterMs: number };
  windowSeconds: number;
  /** Changes per second inside the window. */
  rates: {
    offeredLoad: number;
    bridgeReceived: number;
    committed: number;
    published: number;
    /** MQTT messages/s at the subscriber (Sparkplug: DDATA, births; JSON: one per change). */
    mqttReceived: number;
    /** Changes/s decoded at the subscriber: JSON messages, or Sparkplug DDATA metrics. */
    mqttChanges: number;
    mqttLoadReceived: number;
  };
  /** Sparkplug only: seq continuity and births inside the window, and metrics per DDATA message. */
  sparkplug: (SeqCounts & { metricsPerMessage: number }) | null;
  latencyMs: CounterWindowResult['latency'] | null;
  /** How much older the simulator's source timestamps are than its real emission (whole-tick plant time);
   * latency from the emission itself is latencyMs − this. */
  simStampLagMs: number;
  losses: {
    mqttLoadGaps: number | null;
    mqttLoadRepeats: number | null;
    mqttSilentLoadTags: number | null;
    /** Consecutive changes of one load tag with the same source timestamp (the historian keeps one of each pair). */
    mqttSameStampChanges: number | null;
    historianLoadGaps: number | null;
    historianLoadRows: number | null;
    historianDropped: number;
    uplinkFailed: number;
    /** Backlog at the end of the window: growing queues mean the bridge falls behind. */
    historianQueueAtEnd: number;
    uplinkQueuedAtEnd: number;
    uplinkQueuedAtStart: number;
    historianQueueAtStart: number;
  };
  bridge: ProcessFigures & { cpuUsPerChange: number };
  simulator: ProcessFigures;
  broker: ProcessFigures | null;
  benchSubscriber: { cpuPercent: number };
  /** The whole box over the window (200 = both cores busy); other = processes the bench did not start. */
  machine: { cpuPercent: number; otherProcessesCpuPercent: number; loadAverage1m: number };
  historianCheck: HistorianWindowCheck | null;
  outage: (OutageResult & { historian: OutageHistorianCheck | null }) | null;
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const one = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');

export function formatTable(r: BenchResult): string {
  const c = r.config;
  const rows: Array<[string, string]> = [
    ['setup', `${c.tags} load tags, ${c.seconds} s window after ${c.warmupSeconds} s warm-up, uplink ${c.uplink} (${c.uplinkKind}${c.uplinkKind === 'sparkplug' ? ', batch 100 ms' : ''}), security ${c.security}, sampling ${c.samplingMs} ms, publishing ${c.publishingMs} ms, queue ${c.queueSize}, sub QoS ${c.subQos}${c.bridgeServer ? '' : ', bridge OPC UA server off'}`],
    ['monitored items', `${int(r.setup.monitoredItems)} (all created ${int(r.setup.readyAfterMs)} ms after the bridge was up)`],
    ['offered by simulator (load tags)', `${int(r.rates.offeredLoad)} /s`],
    ['received by bridge (all tags)', `${int(r.rates.bridgeReceived)} /s`],
    ['committed to SQLite', `${int(r.rates.committed)} /s`],
    ['published (PUBACKed)', `${int(r.rates.published)} ${c.uplinkKind === 'sparkplug' ? 'DDATA messages' : ''}/s`],
    ['received over MQTT (all / load)', c.uplinkKind === 'sparkplug'
      ? `${int(r.rates.mqttChanges)} / ${int(r.rates.mqttLoadReceived)} metrics/s in ${int(r.rates.mqttReceived)} messages/s`
      : `${int(r.rates.mqttReceived)} / ${int(r.rates.mqttLoadReceived)} /s`],
    ...(r.sparkplug ? [['Sparkplug seq / births', `${int(r.sparkplug.metricsPerMessage)} metrics per message; seq gaps ${r.sparkplug.gaps}, reordered ${r.sparkplug.reordered}, stale ${r.sparkplug.stale} of ${int(r.sparkplug.sequenced)}; NBIRTH ${r.sparkplug.nbirths}, DBIRTH ${r.sparkplug.dbirths}, unknown aliases ${r.sparkplug.unknownAliases}`] as [string, string]] : []),
    ['latency source ts → MQTT p50 / p90 / p99', r.latencyMs ? `${int(r.latencyMs.p50)} / ${int(r.latencyMs.p90)} / ${int(r.latencyMs.p99)} ms (min ${int(r.latencyMs.min)}, max ${int(r.latencyMs.max)})` : 'n/a (no uplink)'],
    ['  minus the sim stamp lag (from emission)', r.latencyMs && Number.isFinite(r.simStampLagMs) ? `${int(r.latencyMs.p50 - r.simStampLagMs)} / ${int(r.latencyMs.p90 - r.simStampLagMs)} / ${int(r.latencyMs.p99 - r.simStampLagMs)} ms (sim stamps lag emission by ${int(r.simStampLagMs)} ms)` : 'n/a'],
    ['load-tag gaps MQTT / SQLite', `${r.losses.mqttLoadGaps ?? 'n/a'} / ${r.losses.historianLoadGaps ?? 'n/a'} (repeats ${r.losses.mqttLoadRepeats ?? 'n/a'}, silent tags ${r.losses.mqttSilentLoadTags ?? 'n/a'}, same-timestamp changes ${r.losses.mqttSameStampChanges ?? 'n/a'})`],
    ['dropped: historian / uplink failed', `${r.losses.historianDropped} / ${r.losses.uplinkFailed}`],
    ['backlog start → end: historian / uplink', `${int(r.losses.historianQueueAtStart)} → ${int(r.losses.historianQueueAtEnd)} / ${int(r.losses.uplinkQueuedAtStart)} → ${int(r.losses.uplinkQueuedAtEnd)}`],
    ['bridge CPU', `${one(r.bridge.cpuPercent)} % of a core, ${one(r.bridge.cpuUsPerChange)} µs per received change`],
    ['bridge RSS end / peak', `${int(r.bridge.rssMb)} / ${int(r.bridge.rssPeakMb)} MB`],
    ['simulator CPU / RSS', `${one(r.simulator.cpuPercent)} % / ${int(r.simulator.rssMb)} MB`],
    ['broker CPU / RSS', r.broker ? `${one(r.broker.cpuPercent)} % / ${int(r.broker.rssMb)} MB` : c.uplink === 'embedded' ? 'inside the bridge process' : 'n/a'],
    ['bench subscriber CPU', `${one(r.benchSubscriber.cpuPercent)} %`],
    ['machine CPU (of 200) / other processes', `${one(r.machine.cpuPercent)} % / ${one(r.machine.otherProcessesCpuPercent)} % (load average ${r.machine.loadAverage1m.toFixed(2)})`],
  ];
  if (r.outage) rows.push(...outageRows(r.outage));
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}

const ms = (n: number | null) => (n === null ? 'never' : `${one(n / 1000)} s`);

/** Where the lost changes' source timestamps fall, relative to the broker stop. */
function lostWhen(o: NonNullable<BenchResult['outage']>): string {
  const h = o.historian;
  if (h === null || h.lostFirstTs === null || h.lostLastTs === null) return '';
  const rel = (ts: number) => `${((ts - o.stoppedAtMs) / 1000).toFixed(2)} s`;
  return `: source ts ${rel(h.lostFirstTs)} … ${rel(h.lostLastTs)} from the stop`;
}

function outageRows(o: NonNullable<BenchResult['outage']>): Array<[string, string]> {
  const l = o.ledger;
  const p = l.phases;
  const lat = (x: typeof p.drain.liveLatency) => (x.count > 0 ? `${int(x.p50)} / ${int(x.p99)} ms (max ${int(x.max)}, n ${int(x.count)})` : 'n/a');
  return [
    ['— outage —', `broker stopped ${one(o.outageSeconds)} s, uplink ${o.uplinkId}`],
    ['outbox depth before / at restart / peak', `${int(o.baselineDepth)} / ${int(o.depthAtRestart)} / ${int(o.peakDepth)} records`],
    ['reconnected / drained after restart', `${ms(o.reconnectAfterMs)} / ${ms(o.drainedAfterMs)} (outbox depth ≤ ${int(o.drainedThreshold)}; limit ${one(o.drainWaitLimitMs / 1000)} s)`],
    ['backlog empty at the subscriber after restart', `${ms(o.lastHistoricalAfterMs)} (last historical change${o.historicalStillArriving ? '; STILL ARRIVING at the end: drain not finished' : ''})`],
    ['drain rate', `${int(o.deliveredPerSecDuringDrain)} records/s acked (outbox delivered Δ), reported drainRatePerSec peak ${int(o.reportedDrainRatePeak)} mean ${int(o.reportedDrainRateMean)}; ${int(o.historicalChangesPerSec)} historical changes/s at the subscriber`],
    ['changes live / historical: outage, drain, after', `${int(p.outage.liveChanges)}/${int(p.outage.historicalChanges)}, ${int(p.drain.liveChanges)}/${int(p.drain.historicalChanges)}, ${int(p.after.liveChanges)}/${int(p.after.historicalChanges)}`],
    ['live latency p50 / p99: before / drain / after', `${lat(p.before.liveLatency)} | ${lat(p.drain.liveLatency)} | ${lat(p.after.liveLatency)}`],
    ['oldest historical change delivered', `${ms(Number.isFinite(p.drain.historicalMaxAgeMs) ? p.drain.historicalMaxAgeMs : null)} old`],
    ['load changes expected / distinct / missing', `${int(l.expectedChanges)} / ${int(l.distinctChanges)} / ${int(l.missingChanges)} over ${l.trackedLoadTags} tags (duplicates delivered ${int(l.duplicateDeliveries)}, same-(topic, ts) collisions ${int(l.sameStampCollisions)})`],
    ['missing vs SQLite', o.historian ? `${int(o.historian.lostOnUplink)} in SQLite but never received (uplink loss${lostWhen(o)}), ${int(o.historian.notInHistorian)} received but not in SQLite, ${int(o.historian.rows)} SQLite rows` : 'n/a'],
    ['outbox dropped / uplink failed', `${int(o.outboxDropped)} / ${int(o.uplinkFailed)}`],
    ...(o.seq ? [['Sparkplug seq during the outage', `gaps ${o.seq.gaps}, reordered ${o.seq.reordered}, stale ${o.seq.stale} of ${int(o.seq.sequenced)}; NBIRTH ${o.seq.nbirths}, DBIRTH ${o.seq.dbirths}`] as [string, string]] : []),
    ['subscriber session', `${o.subscriber.reconnects} reconnects, session present ${String(o.subscriber.lastSessionPresent)}, retained replays ignored ${o.subscriber.retainedIgnored}`],
  ];
}
