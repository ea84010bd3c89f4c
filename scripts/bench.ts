// End-to-end benchmark: simulator process → bridge process (`plantbridge serve`) → broker → an independent MQTT
// subscriber in this process. Prints changes/s at every stage, latency, the bridge's CPU per change and RSS, and
// losses (the simulator's load tags are +1 counters, so gaps are countable). Docs: docs/benchmarks.md.
// Sparkplug mode (`--uplink-kind sparkplug`) counts DDATA metrics; `--outage S` stops the broker after the window.
// Run: node scripts/build.mjs && node --import tsx scripts/bench.ts --tags 3000 [--seconds 30] [--uplink mosquitto]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, mosquittoMissing } from '../test/fixtures/mosquitto.js';
import { BenchUsageError, parseBenchArgs, type BenchArgs } from './bench/args.js';
import { countersOf, fetchHealth, waitForMonitoredItems, type BridgeCounters } from './bench/bridge-api.js';
import { killAllChildrenNow, startChild, type Child } from './bench/children.js';
import { checkHistorianWindow, crossCheckOutage, type HistorianWindowCheck, type OutageHistorianCheck } from './bench/historian-check.js';
import { MqttCounter, type CounterWindowResult } from './bench/mqtt-counter.js';
import { trustBridgeInSimulator, trustSimulatorInBridge } from './bench/pki-exchange.js';
import { startBenchMosquitto, type BenchBroker } from './bench/mosquitto-broker.js';
import { cpuSeconds, machineBusySeconds, rssMb } from './bench/proc-stats.js';
import { writeBenchProject } from './bench/project-file.js';
import { runOutage, type OutageResult } from './bench/outage-run.js';
import type { OutageLedger } from './bench/outage-ledger.js';
import { formatTable, type BenchResult, type ProcessFigures } from './bench/report.js';
import { SimProbe } from './bench/sim-probe.js';
import { seqDelta } from './bench/sparkplug-decoder.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (line: string) => process.stderr.write(`bench: ${line}\n`);

/** Everything started, in start order; `cleanup()` stops it in reverse order and is safe to call twice. */
const stoppers: Array<() => Promise<void>> = [];
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const stop of stoppers.reverse()) await stop().catch((err: unknown) => say(`stop failed: ${(err as Error).message}`));
    stoppers.length = 0;
  })();
  return cleaning;
}
process.on('exit', killAllChildrenNow);
// `on`, not `once`: a second signal during the clean-up (a repeated Ctrl+C) must not kill the bench with its
// children still running; it is reported and the clean-up goes on (the exit handler SIGKILLs what is left).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    say(`${signal}: stopping every process the bench started${cleaning ? ' (already stopping)' : ''}`);
    void cleanup().finally(() => process.exit(130));
  });
}

/** Samples RSS of the given pids every second; the peak matters as much as the end value. */
function rssSampler(pids: Array<number | null>) {
  const peak = new Map<number, number>();
  const sample = () => {
    for (const pid of pids) if (pid !== null) peak.set(pid, Math.max(peak.get(pid) ?? 0, rssMb(pid) || 0));
  };
  sample();
  const timer = setInterval(sample, 1000);
  return { peak: (pid: number) => peak.get(pid) ?? Number.NaN, stop: () => clearInterval(timer) };
}

async function run(a: BenchArgs): Promise<BenchResult> {
  if (a.uplink === 'mosquitto') {
    const missing = mosquittoMissing();
    if (missing) throw new BenchUsageError(`${missing}; install Debian's mosquitto or use --uplink embedded`);
  }
  const cli = a.plantbridge ? resolve(a.plantbridge) : join(repoRoot, 'bin', 'plantbridge.js');
  const work = mkdtempSync(join(tmpdir(), 'pb-bench-'));
  if (!a.keep) stoppers.push(async () => rmSync(work, { recursive: true, force: true }));
  else say(`keeping ${work}`);
  const simDir = join(work, 'sim');
  const bridgeDir = join(work, 'bridge');
  mkdirSync(simDir);
  mkdirSync(bridgeDir);
  if (a.security === 'SignAndEncrypt') await trustBridgeInSimulator(bridgeDir, simDir);

  let broker: BenchBroker | null = null;
  let brokerPid: number | null = null;
  let mqttUrl: string | null = null;
  const embeddedPort = a.uplink === 'embedded' ? await freePort() : null;
  if (a.uplink === 'mosquitto') {
    const b = await startBenchMosquitto({ persistent: a.outageSeconds > 0 });
    broker = b;
    stoppers.push(() => b.close());
    brokerPid = b.pid;
    mqttUrl = b.url;
  } else if (a.uplink === 'embedded') {
    mqttUrl = `mqtt://127.0.0.1:${embeddedPort}`;
  }

  say(`starting the simulator with ${a.tags} load tags`);
  const simPort = await freePort();
  const sim = await startChild('simulator', [cli, 'simulate', '--port', String(simPort), '--tags', String(a.tags), '--data-dir', simDir],
    /PlantBridge simulator: (opc\.tcp:\/\/\S+)/, { cwd: repoRoot });
  stoppers.push(() => sim.stop());
  const endpointUrl = sim.ready[1] ?? `opc.tcp://127.0.0.1:${simPort}`;
  if (a.security === 'SignAndEncrypt') await trustSimulatorInBridge(simDir, bridgeDir);

  const counter = a.uplink === 'none' ? null : new MqttCounter(a.tags, a.uplinkKind);
  if (counter) stoppers.push(() => counter.stop());
  const persistentSubscriber = a.outageSeconds > 0;
  // Subscribe before the bridge publishes anything (mosquitto is up already): no retained backlog, and every
  // Sparkplug birth (aliases) is seen.
  if (counter && broker && mqttUrl) await counter.start(mqttUrl, a.subQos, persistentSubscriber);

  const projectFile = join(work, 'bench.json');
  writeBenchProject(projectFile, endpointUrl, a);
  // A port chosen here rather than `--http-port 0`: the API listens before any source connects, while the
  // `PlantBridge UI:` line comes only once start-up has finished, which an overloaded bridge may never do.
  const httpPort = await freePort();
  const bridgeArgs = [cli, 'serve', '--no-simulator', '--config', projectFile, '--data-dir', bridgeDir, '--http-port', String(httpPort),
    '--opcua-port', String(await freePort()), '--mqtt-url', a.uplink === 'none' ? 'none' : a.uplink === 'embedded' ? 'embedded' : (mqttUrl ?? 'none'),
    ...(embeddedPort !== null ? ['--mqtt-port', String(embeddedPort)] : []),
    // JSON is the default; leaving the flag out keeps --plantbridge builds from before `--uplink` existed usable.
    ...(a.uplinkKind === 'sparkplug' ? ['--uplink', 'sparkplug'] : [])];
  const nodeArgs = a.profileDir ? ['--cpu-prof', '--cpu-prof-dir', resolve(a.profileDir)] : [];
  say(`starting the bridge (${a.security}, uplink ${a.uplink}, ${a.uplinkKind})`);
  const bridgeStarted = Date.now();
  const bridge: Child = await startChild('bridge', bridgeArgs, /^/, { cwd: repoRoot, nodeArgs, timeoutMs: 120_000, readyPort: httpPort });
  stoppers.push(() => bridge.stop(30_000));
  const uiUrl = `http://127.0.0.1:${httpPort}/`;
  if (counter && !broker && mqttUrl) await counter.start(mqttUrl, a.subQos, persistentSubscriber);

  const readyAfterMs = await waitForMonitoredItems(uiUrl, a.tags, 300_000, () => !bridge.exited());
  const monitoredItems = countersOf(await fetchHealth(uiUrl)).monitoredItems;
  if (!/PlantBridge UI: /.test(bridge.output())) say('warning: the bridge has not finished starting (no "PlantBridge UI:" line yet) although its items exist');
  say(`${monitoredItems} monitored items ${((Date.now() - bridgeStarted) / 1000).toFixed(1)} s after spawn; warm-up ${a.warmupSeconds} s`);
  const probe = new SimProbe();
  stoppers.push(() => probe.close());
  await probe.open(endpointUrl);
  await sleep(a.warmupSeconds * 1000);

  // ---- the measuring window ----
  const lagBefore = await probe.stampLagMs();
  const pids = { bridge: bridge.pid, sim: sim.pid, broker: brokerPid };
  const rss = rssSampler([pids.bridge, pids.sim, pids.broker]);
  const cpu0 = { bridge: cpuSeconds(pids.bridge), sim: cpuSeconds(pids.sim), broker: pids.broker ? cpuSeconds(pids.broker) : 0, self: process.cpuUsage(), machine: machineBusySeconds() };
  const tick0 = await probe.counter();
  const h0 = countersOf(await fetchHealth(uiUrl));
  counter?.beginWindow();
  const seq0 = counter?.seqCounts() ?? null;
  const t0 = Date.now();
  say(`measuring for ${a.seconds} s (window starts ${((t0 - bridgeStarted) / 1000).toFixed(1)} s after the bridge was spawned)`);
  await sleep(a.seconds * 1000);
  const mqtt: CounterWindowResult | null = counter?.endWindow() ?? null;
  const seq1 = counter?.seqCounts() ?? null;
  const t1 = Date.now();
  const h1 = countersOf(await fetchHealth(uiUrl));
  const tick1 = await probe.counter();
  const lagAfter = await probe.stampLagMs();
  const stampLag = Number.isFinite(lagBefore) && Number.isFinite(lagAfter) ? (lagBefore + lagAfter) / 2 : Number.isFinite(lagBefore) ? lagBefore : lagAfter;
  const secs = (t1 - t0) / 1000;
  const pct = (pid: number | null, start: number) => (pid === null ? Number.NaN : (100 * (cpuSeconds(pid) - start)) / secs);
  const bridgeCpu = pct(pids.bridge, cpu0.bridge);
  const simCpu = pct(pids.sim, cpu0.sim);
  const brokerCpu = pct(pids.broker, cpu0.broker);
  const self = process.cpuUsage(cpu0.self);
  const machineCpu = (100 * (machineBusySeconds() - cpu0.machine)) / secs;
  const selfCpu = (100 * (self.user + self.system)) / 1e6 / secs;
  const ours = bridgeCpu + simCpu + (Number.isFinite(brokerCpu) ? brokerCpu : 0) + selfCpu;
  rss.stop();
  const figures = (pid: number, cpuPercent: number): ProcessFigures => ({ cpuPercent, rssMb: rssMb(pid), rssPeakMb: rss.peak(pid) });
  const bridgeFigures = figures(pids.bridge, bridgeCpu);
  const simFigures = figures(pids.sim, simCpu);
  const brokerFigures = pids.broker !== null ? figures(pids.broker, brokerCpu) : null;
  const dbPath = (await fetchHealth(uiUrl)).historian.dbPath;

  let outage: { result: OutageResult; ledger: OutageLedger } | null = null;
  if (a.outageSeconds > 0 && broker && counter) {
    const b = broker;
    outage = await runOutage({ uiUrl, kind: a.uplinkKind, broker: b, counter, outageSeconds: a.outageSeconds,
      liveRecordsPerSec: (h1.published - h0.published) / secs, say });
  }

  // Stop the bridge first (its stop flushes the historian), then check what SQLite really holds for the window.
  say('stopping the bridge');
  await bridge.stop(30_000);
  let historianCheck: HistorianWindowCheck | null = null;
  try {
    historianCheck = await checkHistorianWindow(dbPath, t0, t1);
  } catch (err) {
    say(`historian check failed: ${(err as Error).message}`);
  }
  let outageHistorian: OutageHistorianCheck | null = null;
  if (outage) {
    const { result: o, ledger } = outage;
    try {
      outageHistorian = await crossCheckOutage(dbPath, o.spanFromMs, o.spanToMs, (load, value) => ledger.received(load, value), o.ledger.distinctChanges);
    } catch (err) {
      say(`outage historian check failed: ${(err as Error).message}`);
    }
  }

  const delta = (k: keyof BridgeCounters) => h1[k] - h0[k];
  return {
    config: {
      tags: a.tags, seconds: a.seconds, warmupSeconds: a.warmupSeconds, uplink: a.uplink, uplinkKind: a.uplinkKind, outageSeconds: a.outageSeconds,
      drainPerSecond: a.drainPerSecond, security: a.security, samplingMs: a.samplingMs,
      publishingMs: a.publishingMs, queueSize: a.queueSize, subQos: a.subQos, bridgeServer: a.bridgeServer, node: process.version, cpus: availableParallelism(), plantbridge: cli,
    },
    setup: { monitoredItems, readyAfterMs },
    windowSeconds: secs,
    rates: {
      offeredLoad: ((tick1 - tick0) * a.tags) / secs,
      bridgeReceived: delta('changesIn') / secs,
      committed: delta('rowsWritten') / secs,
      published: delta('published') / secs,
      mqttReceived: mqtt ? mqtt.messages / mqtt.seconds : Number.NaN,
      mqttChanges: mqtt ? mqtt.changes / mqtt.seconds : Number.NaN,
      mqttLoadReceived: mqtt ? mqtt.loadChanges / mqtt.seconds : Number.NaN,
    },
    sparkplug: seq0 && seq1 && mqtt ? { ...seqDelta(seq0, seq1), metricsPerMessage: mqtt.changes / Math.max(1, seq1.sequenced - seq0.sequenced) } : null,
    latencyMs: mqtt?.latency ?? null,
    simStampLagMs: stampLag,
    losses: {
      mqttLoadGaps: mqtt?.loadGaps ?? null,
      mqttLoadRepeats: mqtt?.loadRepeats ?? null,
      mqttSilentLoadTags: mqtt?.silentLoadTags ?? null,
      mqttSameStampChanges: mqtt?.sameStampChanges ?? null,
      historianLoadGaps: historianCheck?.gaps ?? null,
      historianLoadRows: historianCheck?.rows ?? null,
      historianDropped: delta('historianDropped'),
      uplinkFailed: delta('uplinkFailed'),
      historianQueueAtStart: h0.historianQueue,
      historianQueueAtEnd: h1.historianQueue,
      uplinkQueuedAtStart: h0.uplinkQueued,
      uplinkQueuedAtEnd: h1.uplinkQueued,
    },
    bridge: { ...bridgeFigures, cpuUsPerChange: ((bridgeCpu / 100) * secs * 1e6) / Math.max(1, delta('changesIn')) },
    simulator: simFigures,
    broker: brokerFigures,
    benchSubscriber: { cpuPercent: selfCpu },
    machine: { cpuPercent: machineCpu, otherProcessesCpuPercent: machineCpu - ours, loadAverage1m: loadavg()[0] ?? Number.NaN },
    historianCheck,
    outage: outage ? { ...outage.result, historian: outageHistorian } : null,
  };
}

async function main(): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  try {
    const result = await run(args);
    await cleanup();
    process.stdout.write(`${formatTable(result)}\n`);
    const json = JSON.stringify(result);
    if (args.json) writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${json}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`bench failed: ${err instanceof BenchUsageError ? err.message : (err as Error).stack ?? String(err)}\n`);
    await cleanup();
    return err instanceof BenchUsageError ? 2 : 1;
  }
}

process.exitCode = await main();
// Anything a library left open (timers, sockets) must not keep the bench alive once every child is stopped.
process.exit();
