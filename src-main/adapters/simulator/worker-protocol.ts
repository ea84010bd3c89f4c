// Messages between startSimulatorWorker (parent) and simulator-worker (worker thread).
import type { SimulatorOptions } from './types.js';

/** Options that cross the thread boundary (a Log cannot: the worker forwards log lines as messages). */
export type WorkerSimulatorOptions = Omit<SimulatorOptions, 'log'>;

export type ToWorker = { type: 'trust'; id: number; file: string } | { type: 'stop' };

export type FromWorker =
  | { type: 'ready'; endpointUrl: string; port: number; certificateFile: string }
  | { type: 'failed'; message: string }
  | { type: 'trusted'; id: number; error: string | null }
  | { type: 'stopped' }
  | { type: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; obj: object | string; msg: string | undefined };
