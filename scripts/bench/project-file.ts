// The project file the bench gives the bridge: one source (the separate simulator process), browsed from
// ns=1;s=Plant, one subscription group; the simulator built into the bridge is off. Sparkplug mode adds the edge
// node the bench subscriber listens to (`spBv1.0/bench/#`); `--uplink sparkplug` on the command line turns it on.
import { writeFileSync } from 'node:fs';
import type { BenchArgs } from './args.js';

export const SPARKPLUG_GROUP = 'bench';
export const SPARKPLUG_EDGE_NODE = 'bridge';
export const SPARKPLUG_BATCH_MS = 100;

export function writeBenchProject(file: string, endpointUrl: string, a: BenchArgs): void {
  const secure = a.security === 'SignAndEncrypt';
  const project = {
    version: 1,
    simulator: { enabled: false },
    bridgeServer: { enabled: a.bridgeServer },
    sources: [
      {
        id: 'sim',
        endpointUrl,
        securityMode: secure ? 'SignAndEncrypt' : 'None',
        securityPolicy: secure ? 'Aes256_Sha256_RsaPss' : 'None',
        groups: [
          { name: 'bench', samplingIntervalMs: a.samplingMs, publishingIntervalMs: a.publishingMs, queueSize: a.queueSize },
        ],
        browse: { rootNodeId: 'ns=1;s=Plant', group: 'bench' },
      },
    ],
    ...(a.uplinkKind === 'sparkplug' ? { sparkplug: { groupId: SPARKPLUG_GROUP, edgeNodeId: SPARKPLUG_EDGE_NODE, batchMs: SPARKPLUG_BATCH_MS } } : {}),
    ...(a.drainPerSecond !== null ? { outbox: { drainPerSecond: a.drainPerSecond } } : {}),
  };
  writeFileSync(file, `${JSON.stringify(project, null, 2)}\n`);
}
