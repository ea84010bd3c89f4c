// The outage scenario, after the steady window: mosquitto (the bench's own) is stopped for N seconds while the
// simulator keeps producing, then started again on the same port. The bridge's outbox is read from /api/health
// every second (depth, drain rate, delivered); the subscriber's ledger records every change by phase.
import type { UplinkStatus } from '../../src-main/contract/index.js';
import type { UplinkKind } from './args.js';
import { fetchHealth } from './bridge-api.js';
import type { BenchBroker } from './mosquitto-broker.js';
import type { MqttCounter, SubscriberConnection } from './mqtt-counter.js';
import type { LedgerResult, OutageLedger, OutagePhase } from './outage-ledger.js';
import { seqDelta, type SeqCounts } from './sparkplug-decoder.js';

export interface OutageSample {
  /** Seconds since the broker was stopped (negative: before). */
  t: number;
  phase: OutagePhase;
  state: string;
  depth: number;
  drainRatePerSec: number;
  delivered: number;
  dropped: number;
}

export interface OutageResult {
  outageSeconds: number;
  uplinkId: string;
  /** Wall-clock span the ledger covered (ms epoch), for the historian cross-check. */
  spanFromMs: number;
  spanToMs: number;
  /** When the broker was stopped and started again (ms epoch). */
  stoppedAtMs: number;
  restartedAtMs: number;
  /** Outbox depth before the outage (max over a few samples): the live in-flight level. */
  baselineDepth: number;
  /** Depth at or below which the backlog counts as drained. */
  drainedThreshold: number;
  peakDepth: number;
  depthAtRestart: number;
  /** Broker restart → the bridge's uplink reported connected again. */
  reconnectAfterMs: number | null;
  /** Broker restart → outbox depth back at the threshold; null if not within the time limit. */
  drainedAfterMs: number | null;
  drainWaitLimitMs: number;
  /** Broker restart → the last historical change reached the subscriber (the backlog as the receiver sees it). */
  lastHistoricalAfterMs: number | null;
  /** Historical changes were still arriving in the last second of the scenario (the drain had not finished). */
  historicalStillArriving: boolean;
  /** Outbox records acknowledged per second, restart → drained (live and backlog together), from `delivered`. */
  deliveredPerSecDuringDrain: number;
  /** `drainRatePerSec` as the bridge reports it during the drain: peak and mean of the samples. */
  reportedDrainRatePeak: number;
  reportedDrainRateMean: number;
  /** Historical changes per second arriving at the subscriber during the drain. */
  historicalChangesPerSec: number;
  /** Outbox records dropped by its limits and uplink `failed` over the whole scenario. */
  outboxDropped: number;
  uplinkFailed: number;
  ledger: LedgerResult;
  seq: SeqCounts | null;
  subscriber: SubscriberConnection;
  timeline: OutageSample[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const BASELINE_MS = 3000;
const SETTLE_MS = 5000;

function uplinkOf(kind: UplinkKind, list: UplinkStatus[]): UplinkStatus | undefined {
  return list.find((u) => u.kind === (kind === 'sparkplug' ? 'sparkplug' : 'mqtt-json'));
}


export async function runOutage(opts: {
  uiUrl: string;
  kind: UplinkKind;
  broker: BenchBroker;
  counter: MqttCounter;
  outageSeconds: number;
  /** Outbox records the uplink acknowledges per second in steady state (from the window): the live level. */
  liveRecordsPerSec: number;
  say: (line: string) => void;
}): Promise<{ result: OutageResult; ledger: OutageLedger }> {
  const { uiUrl, kind, broker, counter, say } = opts;
  const ledgerStart = Date.now();
  const ledger = counter.beginLedger();
  const seq0 = counter.seqCounts();
  const timeline: OutageSample[] = [];
  let phase: OutagePhase = 'before';
  let tStop = Date.now() + BASELINE_MS;
  let uplinkId = '?';
  let failed0: number | null = null;
  let lastFailed = 0;
  const sample = async (): Promise<OutageSample | null> => {
    try {
      const u = uplinkOf(kind, (await fetchHealth(uiUrl)).uplinks);
      if (u === undefined) throw new Error(`no ${kind} uplink in /api/health`);
      uplinkId = u.id;
      failed0 ??= u.failed;
      lastFailed = u.failed;
      const o = u.outbox;
      const s: OutageSample = {
        t: (Date.now() - tStop) / 1000, phase, state: u.state, depth: o?.depth ?? Number.NaN,
        drainRatePerSec: o?.drainRatePerSec ?? Number.NaN, delivered: o?.delivered ?? Number.NaN, dropped: o?.dropped ?? Number.NaN,
      };
      timeline.push(s);
      return s;
    } catch (err) {
      say(`health sample failed: ${(err as Error).message}`);
      return null;
    }
  };
  /** Samples about once a second until `until` (ms epoch) or `stop` says so. */
  const sampleUntil = async (until: number, stop?: (s: OutageSample) => boolean): Promise<OutageSample | null> => {
    while (Date.now() < until) {
      const next = Date.now() + 1000;
      const s = await sample();
      if (s && stop?.(s)) return s;
      await sleep(Math.max(0, Math.min(next, until) - Date.now()));
    }
    return null;
  };

  say(`outage: baseline ${BASELINE_MS / 1000} s, then the broker stops for ${opts.outageSeconds} s`);
  await sampleUntil(Date.now() + BASELINE_MS);
  const baselineDepth = Math.max(0, ...timeline.map((s) => s.depth).filter(Number.isFinite));
  // Live records sit in the outbox until acknowledged, in bursts of one publishing interval; a few samples can
  // miss a burst, so half a second of live records also counts as "nothing left over from the outage".
  const liveLevel = Number.isFinite(opts.liveRecordsPerSec) ? opts.liveRecordsPerSec / 2 : 0;
  const drainedThreshold = Math.round(Math.max(2 * baselineDepth, baselineDepth + 50, liveLevel));

  phase = 'outage';
  ledger.enter('outage');
  tStop = Date.now();
  await broker.stop();
  await sampleUntil(tStop + opts.outageSeconds * 1000);

  phase = 'drain';
  ledger.enter('drain');
  const tRestart = Date.now();
  const atRestart = await sample();
  await broker.start();
  say(`outage: broker restarted after ${((tRestart - tStop) / 1000).toFixed(1)} s (outbox depth ${atRestart?.depth ?? '?'}); waiting for the drain`);
  const drainWaitLimitMs = Math.max(60_000, opts.outageSeconds * 5000);
  let reconnectAt: number | null = null;
  const drained = await sampleUntil(tRestart + drainWaitLimitMs, (s) => {
    if (reconnectAt === null && s.state === 'connected') reconnectAt = Date.now();
    return reconnectAt !== null && s.depth <= drainedThreshold;
  });
  const tDrained = drained ? Date.now() : null;
  if (tDrained === null) say(`outage: backlog not drained within ${drainWaitLimitMs / 1000} s`);

  phase = 'after';
  ledger.enter('after');
  await sampleUntil(Date.now() + SETTLE_MS);
  counter.settleSeq();
  ledger.end();
  const endedAt = Date.now();

  const led = ledger.result();
  const drainSamples = timeline.filter((s) => s.phase === 'drain' && Number.isFinite(s.drainRatePerSec));
  const lastDelivered = timeline.filter((s) => s.phase === 'drain' && Number.isFinite(s.delivered)).at(-1)?.delivered ?? Number.NaN;
  const drainSecs = led.phases.drain.seconds;
  const depths = timeline.map((s) => s.depth).filter(Number.isFinite);
  const drops = timeline.map((s) => s.dropped).filter(Number.isFinite);
  const result: OutageResult = {
    outageSeconds: (tRestart - tStop) / 1000,
    uplinkId,
    spanFromMs: ledgerStart,
    stoppedAtMs: tStop,
    restartedAtMs: tRestart,
    spanToMs: endedAt,
    baselineDepth,
    drainedThreshold,
    peakDepth: Math.max(0, ...depths),
    depthAtRestart: atRestart?.depth ?? Number.NaN,
    reconnectAfterMs: reconnectAt === null ? null : reconnectAt - tRestart,
    drainedAfterMs: tDrained === null ? null : tDrained - tRestart,
    drainWaitLimitMs,
    lastHistoricalAfterMs: ledger.lastHistoricalArrival === null ? null : ledger.lastHistoricalArrival - tRestart,
    historicalStillArriving: ledger.lastHistoricalArrival !== null && ledger.lastHistoricalArrival > endedAt - 1000,    deliveredPerSecDuringDrain: (lastDelivered - (atRestart?.delivered ?? Number.NaN)) / drainSecs,
    reportedDrainRatePeak: Math.max(0, ...drainSamples.map((s) => s.drainRatePerSec)),
    reportedDrainRateMean: drainSamples.reduce((a, s) => a + s.drainRatePerSec, 0) / Math.max(1, drainSamples.length),
    historicalChangesPerSec: led.phases.drain.historicalChanges / drainSecs,
    outboxDropped: drops.length > 0 ? Math.max(...drops) - Math.min(...drops) : Number.NaN,
    uplinkFailed: lastFailed - (failed0 ?? lastFailed),
    ledger: led,
    seq: ((s1) => (seq0 && s1 ? seqDelta(seq0, s1) : null))(counter.seqCounts()),
    subscriber: { ...counter.connection },
    timeline,
  };
  return { result, ledger };
}
