// `plantbridge simulate`: the plant simulator alone, e.g. as a load generator or for a SCADA test bench.
import { resolve } from 'node:path';
import { runSimulateCommand } from '../adapters/simulator/index.js';
import { createLogger } from './logger.js';
import { waitForShutdownSignal } from './serve-command.js';

export async function runSimulate(flags: { port: number; tags: number; seed: number; bind: string; dataDir: string }) {
  const dataDir = resolve(flags.dataDir);
  const log = createLogger(dataDir);
  const sim = await runSimulateCommand({ port: flags.port, tags: flags.tags, host: flags.bind, seed: flags.seed, dataDir, log });
  process.stdout.write(`PlantBridge simulator: ${sim.endpointUrl} (${flags.tags} extra tags, seed ${flags.seed}). Stop with Ctrl+C.\n`);
  await waitForShutdownSignal();
  await sim.stop();
  log.flush();
  process.exit(0);
}
