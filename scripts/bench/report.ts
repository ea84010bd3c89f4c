// The bench's result: one JSON document (machine-readable, last line of stdout) and a table for people.
import type { BenchArgs } from './args.js';
import type { CounterWindowResult } from './mqtt-counter.js';
import type { HistorianWindowCheck } from './historian-check.js';

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
    mqttReceived: number;
    mqttLoadReceived: number;
  };
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
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const one = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');

export function formatTable(r: BenchResult): string {
  const c = r.config;
  const rows: Array<[string, string]> = [
    ['setup', `${c.tags} load tags, ${c.seconds} s window after ${c.warmupSeconds} s warm-up, uplink ${c.uplink}, security ${c.security}, sampling ${c.samplingMs} ms, publishing ${c.publishingMs} ms, queue ${c.queueSize}, sub QoS ${c.subQos}${c.bridgeServer ? '' : ', bridge OPC UA server off'}`],
    ['monitored items', `${int(r.setup.monitoredItems)} (all created ${int(r.setup.readyAfterMs)} ms after the bridge was up)`],
    ['offered by simulator (load tags)', `${int(r.rates.offeredLoad)} /s`],
    ['received by bridge (all tags)', `${int(r.rates.bridgeReceived)} /s`],
    ['committed to SQLite', `${int(r.rates.committed)} /s`],
    ['published (PUBACKed)', `${int(r.rates.published)} /s`],
    ['received over MQTT (all / load)', `${int(r.rates.mqttReceived)} / ${int(r.rates.mqttLoadReceived)} /s`],
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
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
