// Runs replay cases on N worker threads (each case is independent and deterministic for its seed, so the results
// are the same as one after the other, in the same order). N = 1 runs them inline.
import { Worker } from 'node:worker_threads';
import { runReplayCase, type CaseResult, type ReplayCase } from './run-case.js';

type Reply = { index: number; result: CaseResult } | { index: number; error: string };

function startWorker(): Worker {
  // Node 20 does not apply the parent's `--import tsx` to workers: register tsx inside the worker first.
  const entry = new URL('./case-worker.ts', import.meta.url);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `(async () => { (await import(${JSON.stringify(tsxApi)})).register(); await import(${JSON.stringify(entry.href)}); })()`;
  return new Worker(bootstrap, { eval: true });
}

export async function runCases(cases: readonly ReplayCase[], workers: number): Promise<CaseResult[]> {
  const results = new Array<CaseResult>(cases.length);
  if (workers <= 1 || cases.length <= 1) {
    for (let i = 0; i < cases.length; i++) results[i] = await runReplayCase(cases[i] as ReplayCase);
    return results;
  }
  // Longest cases first, so the two threads finish close together.
  const order = cases.map((c, i) => ({ i, cost: c.durationSec })).sort((a, b) => b.cost - a.cost).map((x) => x.i);
  let next = 0;
  const pool = Array.from({ length: Math.min(workers, cases.length) }, () => startWorker());
  await Promise.all(
    pool.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          const send = (): void => {
            const i = order[next++];
            worker.postMessage(i === undefined ? null : { index: i, case: cases[i] });
          };
          worker.on('message', (reply: Reply) => {
            if ('error' in reply) {
              reject(new Error(`replay case ${reply.index} failed in a worker: ${reply.error}`));
              return;
            }
            results[reply.index] = reply.result;
            send();
          });
          worker.once('error', reject);
          worker.once('exit', () => resolve());
          send();
        }),
    ),
  ).finally(() => Promise.all(pool.map((w) => w.terminate())));
  return results;
}
