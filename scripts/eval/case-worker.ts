// Worker thread of the maintenance eval: runs the replay cases it is sent, one at a time, and posts each result.
import { parentPort } from 'node:worker_threads';
import { runReplayCase, type ReplayCase } from './run-case.js';

const port = parentPort;
if (!port) throw new Error('case-worker.ts runs only as a worker thread');
port.on('message', (msg: { index: number; case: ReplayCase } | null) => {
  if (msg === null) {
    port.close();
    return;
  }
  runReplayCase(msg.case).then(
    (result) => port.postMessage({ index: msg.index, result }),
    (err: unknown) => port.postMessage({ index: msg.index, error: err instanceof Error ? err.stack ?? err.message : String(err) }),
  );
});
