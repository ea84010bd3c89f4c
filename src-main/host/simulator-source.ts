// The built-in plant simulator as a source: started in a worker thread (so it does not share the bridge's event
// loop), trusted both ways by exchanging certificates, and bridged with the tag settings of the demo plant.
import { DEFAULT_CONNECTION } from './connection-config.js';
import { join } from 'node:path';
import { clientCertificateFile } from '../adapters/opcua/client/index.js';
import { trustCertificateFile } from '../adapters/opcua/pki.js';
import { plantCatalog, startSimulatorWorker } from '../adapters/simulator/index.js';
import type { AlarmLimits } from '../contract/index.js';
import type { Log } from '../services/ports.js';
import type { TagOverride } from '../services/tag-catalog.js';
import type { ProjectConfig, SourceConfig } from './config-schema.js';
import { simulatorFaultSchedule } from './simulator-faults-config.js';

export const SIMULATOR_SOURCE_ID = 'sim';
export const CLIENT_APPLICATION_NAME = 'PlantBridge';

const SITE_UTILITIES = 'demo-site/utilities';

/**
 * Alarm settings of the demo plant beyond its limits, so every alarm kind shows up: tank level deviation from its
 * setpoint, pump flow and pressure alarms suppressed by design while the pump is stopped, a rising-temperature rate-of-change
 * alarm on the compressor, latching vibration alarms that need a confirm, and a bad-quality alarm on every
 * measured tag.
 */
const richAlarms: Record<string, Partial<AlarmLimits>> = {
  [`${SITE_UTILITIES}/tank-301/level`]: {
    deviation: { setpointTag: `${SITE_UTILITIES}/tank-301/level-setpoint`, limit: 15, deadband: 2, onDelaySec: 30, priority: 3 },
  },
  // Low flow and low pressure are what a stopped pump does: suppressed by design while it is stopped.
  [`${SITE_UTILITIES}/pump-101/flow`]: { suppressWhen: { tag: `${SITE_UTILITIES}/pump-101/running`, equals: false }, onDelaySec: 5 },
  [`${SITE_UTILITIES}/pump-101/discharge-pressure`]: {
    suppressWhen: { tag: `${SITE_UTILITIES}/pump-101/running`, equals: false },
    onDelaySec: 5,
  },
  [`${SITE_UTILITIES}/compressor-201/discharge-temperature`]: {
    rateOfChange: { perMinute: 8, windowSec: 60, direction: 'rising', deadband: 1, priority: 2 },
  },
  [`${SITE_UTILITIES}/pump-101/vibration`]: { latched: true, confirmRequired: true },
};

const BAD_QUALITY_DEFAULT = { delaySec: 10, priority: 3 };

/** The project's tag settings over the simulator's defaults (when the simulator runs), field by field. */
export function projectTagSettings(project: ProjectConfig): Record<string, TagOverride> {
  const defaults = project.simulator.enabled ? simulatorTagDefaults() : {};
  const out: Record<string, TagOverride> = { ...defaults };
  for (const [id, settings] of Object.entries(project.tagSettings)) out[id] = { ...defaults[id], ...settings };
  return out;
}

/** Writable setpoints and commands, and suggested alarm settings, of the simulated plant. */
export function simulatorTagDefaults(): Record<string, TagOverride> {
  const out: Record<string, TagOverride> = {};
  for (const s of plantCatalog()) {
    const id = [s.site, s.area, s.asset, s.name].join('/');
    const measured = s.kind === 'measurement';
    const alarms: AlarmLimits | null =
      s.alarms || measured
        ? { deadband: 0, priority: 3, ...s.alarms, ...richAlarms[id], ...(measured ? { badQuality: BAD_QUALITY_DEFAULT } : {}) }
        : null;
    out[id] = { writable: s.writable, ...(alarms ? { alarms } : {}) };
  }
  return out;
}

export interface SimulatorSource {
  endpointUrl: string;
  sourceConfig: SourceConfig;
  /** Trusts a (regenerated) PlantBridge client certificate in the simulator's PKI. */
  trustClientCertificate(file: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startSimulatorSource(
  project: ProjectConfig,
  dataDir: string,
  clientPki: string,
  log: Log,
): Promise<SimulatorSource> {
  const sim = project.simulator;
  const running = await startSimulatorWorker({
    port: sim.port,
    host: '127.0.0.1',
    extraTags: sim.extraTags,
    seed: sim.seed,
    timeScale: sim.timeScale,
    faults: simulatorFaultSchedule(sim),
    pkiDir: join(dataDir, 'pki', 'simulator'),
    log,
  });
  try {
    await trustCertificateFile(clientPki, running.certificateFile);
    await running.trustClientCertificate(await clientCertificateFile(clientPki, CLIENT_APPLICATION_NAME));
  } catch (err) {
    await running.stop();
    throw err;
  }
  return {
    endpointUrl: running.endpointUrl,
    sourceConfig: {
      id: SIMULATOR_SOURCE_ID,
      endpointUrl: running.endpointUrl,
      securityMode: 'SignAndEncrypt',
      securityPolicy: 'Aes256_Sha256_RsaPss',
      groups: [{ name: 'default', samplingIntervalMs: 100, publishingIntervalMs: 100, queueSize: 20, deadband: null }],
      tags: [],
      browse: { rootNodeId: 'ns=1;s=Plant', group: 'default' },
      ...DEFAULT_CONNECTION,
    },
    trustClientCertificate: (file) => running.trustClientCertificate(file),
    stop: () => running.stop(),
  };
}
