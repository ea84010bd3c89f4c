// Runs the plant model on one timer and pushes its values into the OPC UA server.
import { DataType, StatusCodes } from 'node-opcua';
import type { Log } from '../../services/ports.js';
import { buildPlantAddressSpace, type PlantNodes } from './address-space.js';
import { defaultFaultSchedule } from './model/faults.js';
import { LoadCounters } from './model/load-counters.js';
import { PlantModel } from './model/plant-model.js';
import { TickClock } from './tick-clock.js';
import { createSimServer, isLoopback, ownCertificateFile, readCertificateDer } from './sim-server.js';
import type { RunningSimulator, SimulatorOptions } from './types.js';

export const DEFAULT_SEED = 42;
/** Model steps one timer callback may catch up; beyond that plant time falls behind rather than stalling the loop. */
const MAX_CATCH_UP_STEPS = 50;

const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };

function checkOptions(opts: SimulatorOptions): void {
  const bad = (what: string) => {
    throw new Error(`simulator: ${what}`);
  };
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) bad(`port must be 0..65535 (got ${opts.port})`);
  if (opts.tickMs !== undefined && !(opts.tickMs >= 10 && opts.tickMs <= 60_000)) bad('tickMs must be 10..60000');
  if (opts.timeScale !== undefined && !(opts.timeScale > 0 && opts.timeScale <= 100_000)) bad('timeScale must be > 0 and <= 100000');
  if (opts.extraTags !== undefined && !(Number.isInteger(opts.extraTags) && opts.extraTags >= 0 && opts.extraTags <= 100_000)) {
    bad('extraTags must be a whole number 0..100000');
  }
  if (!opts.pkiDir) bad('pkiDir is required');
}

export async function startSimulator(opts: SimulatorOptions): Promise<RunningSimulator> {
  checkOptions(opts);
  const log = opts.log ?? silentLog;
  const host = opts.host ?? '127.0.0.1';
  const seed = opts.seed ?? DEFAULT_SEED;
  const tickMs = opts.tickMs ?? 100;
  const timeScale = opts.timeScale ?? 1;
  const startWallMs = Date.now();
  const model = new PlantModel({ seed, startMs: startWallMs, faults: opts.faults ?? defaultFaultSchedule(seed) });
  const counters = new LoadCounters(opts.extraTags ?? 0);
  const { server, certificateManager } = await createSimServer({
    host, port: opts.port, pkiDir: opts.pkiDir, allowInsecure: opts.allowInsecure ?? isLoopback(host),
  });
  const nodes = buildPlantAddressSpace(server, model, counters.count, timeScale);
  try {
    await server.start();
  } catch (err) {
    await server.shutdown(0).catch(() => undefined);
    throw new Error(`simulator: cannot listen on ${host}:${opts.port}: ${(err as Error).message}`);
  }
  const port = server.endpoints[0]?.port ?? opts.port;
  const endpointUrl = `opc.tcp://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const stepSec = (tickMs / 1000) * timeScale;
  const clock = new TickClock(startWallMs, stepSec, timeScale, MAX_CATCH_UP_STEPS);
  let lagWarned = false;
  const timer = setInterval(() => {
    try {
      const { steps, due } = clock.next(Date.now());
      if (due > MAX_CATCH_UP_STEPS && !lagWarned) {
        lagWarned = true;
        log.warn({ due, timeScale }, 'simulator cannot keep up; plant time falls behind wall time');
      }
      for (let i = 0; i < steps; i++) model.step(stepSec);
      publish(model, nodes, counters, clock.stamp(model.nowMs()));
    } catch (err) {
      log.error({ err: (err as Error).message }, 'simulator tick failed');
    }
  }, tickMs);

  log.info({ endpointUrl, seed, extraTags: counters.count, timeScale, faults: model.faults }, 'plant simulator started');
  let stopping: Promise<void> | null = null;
  return {
    endpointUrl,
    port,
    certificateFile: server.certificateFile || ownCertificateFile(opts.pkiDir),
    async trustClientCertificate(file) {
      await certificateManager.trustCertificate(await readCertificateDer(file));
      log.info({ file }, 'simulator trusts client certificate');
    },
    stop() {
      stopping ??= (async () => {
        clearInterval(timer);
        await server.shutdown(0);
        await certificateManager.dispose();
        log.info({ endpointUrl }, 'plant simulator stopped');
      })();
      return stopping;
    },
  };
}

/** Pushes every read-only value with one shared timestamp; load counters go up by exactly one per call. */
function publish(model: PlantModel, nodes: PlantNodes, counters: LoadCounters, stampMs: number): void {
  const ts = new Date(stampMs);
  const signals = nodes.readOnlySignals;
  for (let i = 0; i < signals.length; i++) {
    const s = signals[i];
    const v = nodes.readOnly[i];
    if (!s || !v) continue;
    const value = model.read(`${s.asset}.${s.name}`);
    v.setValueFromSource({ dataType: s.dataType === 'Boolean' ? DataType.Boolean : DataType.Double, value }, StatusCodes.Good, ts);
  }
  if (counters.count > 0) {
    counters.advance();
    const values = counters.values;
    for (let i = 0; i < values.length; i++) {
      const v = nodes.load[i];
      if (v) v.setValueFromSource({ dataType: DataType.Double, value: values[i] }, StatusCodes.Good, ts);
    }
  }
  nodes.plantTime.setValueFromSource({ dataType: DataType.DateTime, value: ts }, StatusCodes.Good, ts);
  nodes.faultActive.setValueFromSource({ dataType: DataType.Boolean, value: model.faultActive() }, StatusCodes.Good, ts);
  const active = model.activeFaults();
  nodes.faultsActive.forEach((v, i) => v.setValueFromSource({ dataType: DataType.Boolean, value: active[i] === true }, StatusCodes.Good, ts));
}

