// The project file the bench gives the bridge: one source (the separate simulator process), browsed from
// ns=1;s=Plant, one subscription group; the simulator built into the bridge is off.
import { writeFileSync } from 'node:fs';
import type { BenchArgs } from './args.js';

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
  };
  writeFileSync(file, `${JSON.stringify(project, null, 2)}\n`);
}
