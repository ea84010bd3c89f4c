// startSimulatorWorker: the same simulator in a worker thread, so it never shares the bridge's event loop.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Log } from '../../services/ports.js';
import type { RunningSimulator, SimulatorOptions } from './types.js';
import type { FromWorker, ToWorker, WorkerSimulatorOptions } from './worker-protocol.js';

/**
 * Compiled JS next to this file in dist/; from source (tests under `node --import tsx`) the TypeScript entry, loaded
 * through a tiny bootstrap that registers tsx inside the worker, since Node 20 does not run the parent's `--import`
 * hooks in worker threads.
 */
function createWorker(workerData: WorkerSimulatorOptions): Worker {
  const js = new URL('./simulator-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData });
  const ts = new URL('./simulator-worker.ts', import.meta.url);
  if (!existsSync(fileURLToPath(ts))) throw new Error(`simulator worker entry not found next to ${fileURLToPath(import.meta.url)}`);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `(async () => { (await import(${JSON.stringify(tsxApi)})).register(); await import(${JSON.stringify(ts.href)}); })()`;
  return new Worker(bootstrap, { eval: true, workerData });
}

export async function startSimulatorWorker(opts: SimulatorOptions): Promise<RunningSimulator> {
  const { log, ...rest } = opts;
  const data: WorkerSimulatorOptions = rest;
  const worker = createWorker(data);
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const pendingTrust = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let nextId = 1;

  const ready = await new Promise<Extract<FromWorker, { type: 'ready' }>>((resolve, reject) => {
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') resolve(m);
      else if (m.type === 'failed') reject(new Error(m.message));
      else if (m.type === 'log') forwardLog(log, m);
      else if (m.type === 'trusted') {
        const p = pendingTrust.get(m.id);
        pendingTrust.delete(m.id);
        if (m.error === null) p?.resolve();
        else p?.reject(new Error(m.error));
      }
    });
    worker.once('error', reject);
    void exited.then((code) => reject(new Error(`simulator worker exited with code ${code} before it was ready`)));
  });
  worker.on('error', (err) => log?.error({ err: err.message }, 'simulator worker failed'));

  const post = (m: ToWorker) => worker.postMessage(m);
  let stopping: Promise<void> | null = null;
  return {
    endpointUrl: ready.endpointUrl,
    port: ready.port,
    certificateFile: ready.certificateFile,
    trustClientCertificate(file) {
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        pendingTrust.set(id, { resolve, reject });
        post({ type: 'trust', id, file });
      });
    },
    stop() {
      stopping ??= (async () => {
        post({ type: 'stop' });
        await exited;
      })();
      return stopping;
    },
  };
}

function forwardLog(log: Log | undefined, m: Extract<FromWorker, { type: 'log' }>): void {
  if (!log) return;
  if (m.msg === undefined) log[m.level](m.obj);
  else log[m.level](m.obj, m.msg);
}
