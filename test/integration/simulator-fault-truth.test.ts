// Ground truth of every scheduled fault under Objects/Simulation/Faults, read by a real node-opcua client from the
// real simulator server (None endpoint on loopback, anonymous).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AttributeIds, MessageSecurityMode, OPCUACertificateManager, OPCUAClient, SecurityPolicy, type ClientSession } from 'node-opcua';
import {
  SIMULATION_NODE_IDS,
  simulationFaultNodeId,
  startSimulator,
  type FaultSchedule,
  type RunningSimulator,
} from '../../src-main/adapters/simulator/index.js';
import { waitFor } from '../fixtures/wait-for.js';

const faults: FaultSchedule[] = [
  { asset: 'pump-101', kind: 'cavitation', onsetAfterSec: 0.5, rampSec: 7200 },
  { asset: 'compressor-201', kind: 'stuck-sensor', onsetAfterSec: 3600, rampSec: 0 },
];

describe('simulator fault ground truth over OPC UA', () => {
  let dir: string;
  let sim: RunningSimulator;
  let client: OPCUAClient;
  let certs: OPCUACertificateManager;
  let session: ClientSession;
  const read = async (nodeId: string): Promise<unknown> => (await session.read({ nodeId, attributeId: AttributeIds.Value })).value.value;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pb-sim-truth-'));
    sim = await startSimulator({ port: 0, pkiDir: join(dir, 'sim-pki'), seed: 3, tickMs: 100, faults });
    certs = new OPCUACertificateManager({ rootFolder: join(dir, 'client-pki'), automaticallyAcceptUnknownCertificate: false });
    await certs.initialize();
    client = OPCUAClient.create({
      applicationName: 'fault-truth-test', endpointMustExist: false, securityMode: MessageSecurityMode.None,
      securityPolicy: SecurityPolicy.None, clientCertificateManager: certs, connectionStrategy: { maxRetry: 0 },
    });
    await client.connect(sim.endpointUrl);
    session = await client.createSession();
  });

  after(async () => {
    await session?.close();
    await client?.disconnect();
    await certs?.dispose();
    await sim?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists every fault with kind, asset, signal, limit and expected limit crossing', async () => {
    assert.equal(await read('ns=1;s=Simulation.Faults.Count'), 2);
    assert.equal(await read(simulationFaultNodeId(0, 'Kind')), 'cavitation');
    assert.equal(await read(simulationFaultNodeId(0, 'Asset')), 'pump-101');
    assert.equal(await read(simulationFaultNodeId(0, 'Signal')), 'flow');
    assert.equal(await read(simulationFaultNodeId(0, 'LimitAlarm')), 'L');
    assert.equal(await read(simulationFaultNodeId(0, 'LimitLevel')), 40);
    const onset = (await read(simulationFaultNodeId(0, 'OnsetTime'))) as Date;
    const limit = (await read(simulationFaultNodeId(0, 'ExpectedLimitTime'))) as Date;
    assert.equal(limit.getTime() - onset.getTime(), 7_200_000, 'cavitation reaches the low-flow limit at the end of its ramp');
    assert.equal(await read(simulationFaultNodeId(1, 'Kind')), 'stuck-sensor');
    assert.equal(await read(simulationFaultNodeId(1, 'Signal')), 'discharge-pressure');
    assert.equal(await read(simulationFaultNodeId(1, 'LimitAlarm')), '', 'a stuck transmitter has no limit');
    assert.equal(((await read(simulationFaultNodeId(1, 'ExpectedLimitTime'))) as Date).getUTCFullYear(), 1601, 'null DateTime');
    // The original single-fault nodes still describe the first fault.
    assert.equal(await read(SIMULATION_NODE_IDS.faultKind), 'cavitation');
  });

  it('reports each fault active once its onset has passed', async () => {
    await waitFor('the cavitation fault to become active', async () => ((await read(simulationFaultNodeId(0, 'Active'))) === true ? true : undefined), 15_000);
    assert.equal(await read(simulationFaultNodeId(1, 'Active')), false);
  });
});
