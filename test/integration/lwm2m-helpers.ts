// Shared set-up for the LwM2M client integration tests: a client with test defaults, in a temp data dir.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLwm2mClient, type Lwm2mClient } from '../../src-main/adapters/lwm2m/lwm2m-client.js';
import type { Lwm2mClientOptions } from '../../src-main/adapters/lwm2m/client-options.js';
import type { TagDef } from '../../src-main/domain/tags.js';
import { makeTag } from '../fixtures/tags.js';
import { recordingLog } from '../unit/mqtt/mqtt-test-kit.js';

export const TEMP = 'demo-site/utilities/pump-101/bearing-temperature';
export const PRESSURE = 'demo-site/utilities/pump-101/discharge-pressure';
export const SETPOINT = 'demo-site/utilities/pump-101/speed-setpoint';

export function testTags(): TagDef[] {
  return [
    makeTag({ id: TEMP, unit: 'degC', euRange: { low: 0, high: 120 } }),
    makeTag({ id: PRESSURE, unit: 'bar', euRange: { low: 0, high: 10 } }),
    makeTag({ id: SETPOINT, unit: '%', euRange: { low: 0, high: 100 }, writable: true }),
    makeTag({ id: 'demo-site/utilities/pump-101/running', dataType: 'Boolean' }),
  ];
}

export interface ClientUnderTest {
  client: Lwm2mClient;
  dataDir: string;
  log: ReturnType<typeof recordingLog>;
  restarts: number;
  cleanup(): Promise<void>;
}

export async function startClient(overrides: Partial<Lwm2mClientOptions>, dataDir?: string): Promise<ClientUnderTest> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'pb-lwm2m-')));
  const log = recordingLog();
  const state = { restarts: 0 };
  const client = createLwm2mClient({
    id: 'lwm2m',
    serverUri: null,
    bootstrapUri: null,
    endpoint: 'plantbridge-test',
    lifetimeSec: 60,
    shortServerId: 1,
    bind: '127.0.0.1',
    port: 0,
    allowRemoteReboot: false,
    allowTagWrites: false,
    objects: null,
    maxObjects: 100,
    maxObservations: 32,
    requestTimeoutMs: 3000,
    model: 'PlantBridge test',
    firmwareVersion: '0.1.0',
    dataDir: dir,
    writeGate: null,
    systemAlarms: () => [],
    requestRestart: () => (state.restarts += 1),
    log,
    clock: { now: () => Date.now() },
    ...overrides,
  });
  client.setTags(testTags());
  await client.start();
  return {
    client,
    dataDir: dir,
    log,
    get restarts() {
      return state.restarts;
    },
    cleanup: async () => {
      await client.stop();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

export function sample(tagId: string, value: number) {
  return { samples: [{ tagId, ts: Date.now(), value, quality: 'good' as const }] };
}
