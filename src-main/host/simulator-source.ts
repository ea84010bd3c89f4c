// The built-in plant simulator as a source: started in a worker thread (so it does not share the bridge's event
// loop), trusted both ways by exchanging certificates, and bridged with the tag settings of the demo plant.
import { join } from 'node:path';
import { clientCertificateFile } from '../adapters/opcua/client/index.js';
import { trustCertificateFile } from '../adapters/opcua/pki.js';
import { plantCatalog, startSimulatorWorker } from '../adapters/simulator/index.js';
import type { Log } from '../services/ports.js';
import type { TagOverride } from '../services/tag-catalog.js';
import type { ProjectConfig, SourceConfig } from './config-schema.js';
import { simulatorFaultSchedule } from './simulator-faults-config.js';

export const SIMULATOR_SOURCE_ID = 'sim';
export const CLIENT_APPLICATION_NAME = 'PlantBridge';

/** Writable setpoints and commands, and suggested alarm limits, of the simulated plant. */
export function simulatorTagDefaults(): Record<string, TagOverride> {
  const out: Record<string, TagOverride> = {};
  for (const s of plantCatalog()) {
    const id = [s.site, s.area, s.asset, s.name].join('/');
    out[id] = { writable: s.writable, ...(s.alarms ? { alarms: s.alarms } : {}) };
  }
  return out;
}

export interface SimulatorSource {
  endpointUrl: string;
  sourceConfig: SourceConfig;
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
    },
    stop: () => running.stop(),
  };
}
