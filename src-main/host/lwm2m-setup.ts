// Adds the LwM2M client (PlantBridge managed by an LwM2M server) beside the other uplinks when `lwm2m.enabled`.
import { createLwm2mClient } from '../adapters/lwm2m/lwm2m-client.js';
import type { UplinkContext } from './uplink-setup.js';
import { PLANTBRIDGE_VERSION } from './version.js';

export async function startLwm2m(ctx: UplinkContext): Promise<void> {
  const l = ctx.project.lwm2m;
  if (!l.enabled) return;
  const client = createLwm2mClient({
    id: 'lwm2m',
    serverUri: l.serverUri ?? null,
    bootstrapUri: l.bootstrap?.url ?? null,
    endpoint: l.endpoint ?? null,
    lifetimeSec: l.lifetime,
    shortServerId: l.shortServerId,
    bind: l.bind,
    port: l.port,
    allowRemoteReboot: l.allowRemoteReboot,
    allowTagWrites: l.allowTagWrites,
    objects: l.objects ?? null,
    maxObjects: l.maxObjects,
    maxObservations: l.maxObservations,
    requestTimeoutMs: 10_000,
    model: l.model,
    firmwareVersion: PLANTBRIDGE_VERSION,
    dataDir: ctx.dataDir,
    writeGate: ctx.writeGate ?? null,
    systemAlarms: ctx.systemAlarms ?? (() => []),
    requestRestart: ctx.requestRestart ?? null,
    log: ctx.log,
    clock: ctx.clock,
  });
  await ctx.add(client);
}
