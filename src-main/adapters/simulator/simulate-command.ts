// `plantbridge simulate --port N --tags N`: the simulator on its own, its PKI under the data folder. Prints nothing.
import { join } from 'node:path';
import type { Log } from '../../services/ports.js';
import { startSimulator, DEFAULT_SEED } from './simulator.js';
import type { RunningSimulator } from './types.js';

export interface SimulateCommandOptions {
  port: number;
  tags: number;
  host?: string;
  seed?: number;
  dataDir: string;
  log: Log;
}

export function runSimulateCommand(opts: SimulateCommandOptions): Promise<RunningSimulator> {
  return startSimulator({
    port: opts.port,
    host: opts.host ?? '127.0.0.1',
    extraTags: opts.tags,
    seed: opts.seed ?? DEFAULT_SEED,
    pkiDir: join(opts.dataDir, 'simulator-pki'),
    log: opts.log,
  });
}
