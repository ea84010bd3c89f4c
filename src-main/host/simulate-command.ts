// `plantbridge simulate`: the plant simulator alone, e.g. as a load generator or for a SCADA test bench.
import { resolve } from 'node:path';
import { routeOpcuaLogsTo } from '../adapters/opcua/opcua-log-routing.js';
import { runSimulateCommand } from '../adapters/simulator/index.js';
import { createLogger } from './logger.js';
import { waitForShutdownSignal } from './serve-command.js';

export interface SimulateFlags {
  port: number;
  tags: number;
  seed: number;
  bind: string;
  dataDir: string;
}

export async function runSimulate(flags: SimulateFlags): Promise<void> {
  const shutdown = waitForShutdownSignal();
  const dataDir = resolve(flags.dataDir);
  const log = createLogger(dataDir);
  routeOpcuaLogsTo(log);
  const sim = await runSimulateCommand({ port: flags.port, tags: flags.tags, host: flags.bind, seed: flags.seed, dataDir, log });
  process.stdout.write(`PlantBridge simulator: ${sim.endpointUrl} (${flags.tags} extra tags, seed ${flags.seed}). Stop with Ctrl+C.\n`);
  await shutdown;
  await sim.stop();
  log.flush();
  process.exit(0);
}
