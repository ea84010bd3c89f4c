// Worker-thread entry: runs the simulator off the bridge's event loop. Started by startSimulatorWorker.
import { parentPort, workerData } from 'node:worker_threads';
import type { Log } from '../../services/ports.js';
import { routeOpcuaLogsTo } from '../opcua/opcua-log-routing.js';
import { startSimulator } from './simulator.js';
import type { FromWorker, ToWorker, WorkerSimulatorOptions } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('simulator-worker must run in a worker thread');
const send = (m: FromWorker) => port.postMessage(m);
const forward = (level: 'debug' | 'info' | 'warn' | 'error') => (obj: object | string, msg?: string) => send({ type: 'log', level, obj, msg });
const log: Log = { debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error') };
routeOpcuaLogsTo(log);

try {
  const sim = await startSimulator({ ...(workerData as WorkerSimulatorOptions), log });
  port.on('message', (m: ToWorker) => {
    if (m.type === 'trust') {
      sim.trustClientCertificate(m.file).then(
        () => send({ type: 'trusted', id: m.id, error: null }),
        (err: unknown) => send({ type: 'trusted', id: m.id, error: (err as Error).message }),
      );
    } else if (m.type === 'stop') {
      void sim.stop().finally(() => {
        send({ type: 'stopped' });
        port.close();
      });
    }
  });
  send({ type: 'ready', endpointUrl: sim.endpointUrl, port: sim.port, certificateFile: sim.certificateFile });
} catch (err) {
  send({ type: 'failed', message: (err as Error).message });
  port.close();
}
