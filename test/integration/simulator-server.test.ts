// The built-in plant simulator as a real OPC UA server on loopback, driven by a separate node-opcua client.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  AttributeIds,
  BrowseDirection,
  ClientMonitoredItem,
  ClientSubscription,
  DataType,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAClient,
  SecurityPolicy,
  StatusCodes,
  TimestampsToReturn,
  type ClientSession,
} from 'node-opcua';
import { SIMULATION_NODE_IDS, simNodeId, startSimulator, type RunningSimulator } from '../../src-main/adapters/simulator/index.js';

const flow = simNodeId('utilities', 'pump-101', 'flow');
const speedSetpoint = simNodeId('utilities', 'pump-101', 'speed-setpoint');
const running = simNodeId('utilities', 'pump-101', 'running');

async function makeClient(dir: string, securityMode: MessageSecurityMode, securityPolicy: SecurityPolicy) {
  const clientCertificateManager = new OPCUACertificateManager({ rootFolder: join(dir, 'client-pki'), automaticallyAcceptUnknownCertificate: false });
  await clientCertificateManager.initialize();
  const client = OPCUAClient.create({
    applicationName: 'simulator-test-client',
    applicationUri: 'urn:plantbridge:simulator-test-client',
    endpointMustExist: false,
    securityMode,
    securityPolicy,
    clientCertificateManager,
    connectionStrategy: { maxRetry: 0, initialDelay: 100, maxDelay: 200 },
  });
  return { client, clientCertificateManager };
}

async function readValue(session: ClientSession, nodeId: string): Promise<unknown> {
  const dv = await session.read({ nodeId, attributeId: AttributeIds.Value });
  return dv.value.value;
}

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail('condition not reached in time');
}

describe('plant simulator OPC UA server (None endpoint, anonymous)', () => {
  let dir: string;
  let sim: RunningSimulator;
  let client: OPCUAClient;
  let certs: OPCUACertificateManager;
  let session: ClientSession;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pb-sim-'));
    sim = await startSimulator({ port: 0, pkiDir: join(dir, 'sim-pki'), seed: 7, tickMs: 100, extraTags: 5 });
    ({ client, clientCertificateManager: certs } = await makeClient(dir, MessageSecurityMode.None, SecurityPolicy.None));
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

  it('listens on loopback at the port it reports', () => {
    assert.match(sim.endpointUrl, /^opc\.tcp:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(sim.port > 0);
  });

  it('exposes Objects/Plant/demo-site/<area>/<asset>/<signal>', async () => {
    const names = async (nodeId: string) =>
      ((await session.browse({ nodeId, browseDirection: BrowseDirection.Forward, referenceTypeId: 'HierarchicalReferences', includeSubtypes: true, resultMask: 63 })).references ?? []).map((r) => r.browseName.name);
    assert.deepEqual(await names('ns=1;s=Plant'), ['demo-site']);
    assert.deepEqual((await names('ns=1;s=demo-site')).sort(), ['load', 'packaging', 'utilities']);
    assert.deepEqual((await names('ns=1;s=demo-site.utilities')).sort(), ['compressor-201', 'pump-101', 'tank-301']);
    const pumpSignals = await names('ns=1;s=demo-site.utilities.pump-101');
    for (const s of ['flow', 'discharge-pressure', 'motor-current', 'bearing-temperature', 'vibration', 'running', 'speed-setpoint']) {
      assert.ok(pumpSignals.includes(s), `pump-101 has ${s}`);
    }
  });

  it('gives analog signals an EURange and engineering units', async () => {
    const refs = (await session.browse({ nodeId: flow, browseDirection: BrowseDirection.Forward, resultMask: 63 })).references ?? [];
    const euRange = refs.find((r) => r.browseName.name === 'EURange');
    const units = refs.find((r) => r.browseName.name === 'EngineeringUnits');
    assert.ok(euRange && units);
    const range = (await readValue(session, euRange.nodeId.toString())) as { low: number; high: number };
    assert.equal(range.low, 0);
    assert.equal(range.high, 150);
    const eu = (await readValue(session, units.nodeId.toString())) as { displayName: { text: string } };
    assert.match(eu.displayName.text, /^m(3|³)\/h$/);
  });

  it('reports changing values to a subscription', async () => {
    const sub = ClientSubscription.create(session, { requestedPublishingInterval: 100, requestedLifetimeCount: 100, requestedMaxKeepAliveCount: 10, publishingEnabled: true });
    const seen: number[] = [];
    const counter: number[] = [];
    const item = ClientMonitoredItem.create(sub, { nodeId: flow, attributeId: AttributeIds.Value }, { samplingInterval: 100, queueSize: 10 }, TimestampsToReturn.Both);
    item.on('changed', (dv) => seen.push(dv.value.value as number));
    const load = ClientMonitoredItem.create(sub, { nodeId: simNodeId('load', 'load-0', 'value-3'), attributeId: AttributeIds.Value }, { samplingInterval: 0, queueSize: 100 }, TimestampsToReturn.Both);
    load.on('changed', (dv) => counter.push(dv.value.value as number));
    await until(async () => seen.length >= 5 && counter.length >= 5);
    await sub.terminate();
    assert.ok(new Set(seen).size >= 3, 'flow values vary');
    // Load counters go up by one per change: consecutive differences are all 1 when nothing is lost.
    for (let i = 1; i < counter.length; i++) assert.equal(counter[i]! - counter[i - 1]!, 1);
  });

  it('accepts a setpoint write and the process responds', async () => {
    const before = (await readValue(session, flow)) as number;
    assert.ok(before > 60, `flow at 80% speed is high (${before})`);
    const res = await session.write({ nodeId: speedSetpoint, attributeId: AttributeIds.Value, value: { value: { dataType: DataType.Double, value: 40 } } });
    assert.equal(res.name, 'Good');
    assert.equal(await readValue(session, speedSetpoint), 40);
    await until(async () => ((await readValue(session, flow)) as number) < 60);
  });

  it('refuses out-of-range and wrongly typed setpoints', async () => {
    const out = await session.write({ nodeId: speedSetpoint, attributeId: AttributeIds.Value, value: { value: { dataType: DataType.Double, value: 150 } } });
    assert.equal(out.name, StatusCodes.BadOutOfRange.name);
    const typed = await session.write({ nodeId: speedSetpoint, attributeId: AttributeIds.Value, value: { value: { dataType: DataType.Boolean, value: true } } });
    assert.equal(typed.name, StatusCodes.BadTypeMismatch.name);
    const readOnly = await session.write({ nodeId: flow, attributeId: AttributeIds.Value, value: { value: { dataType: DataType.Double, value: 1 } } });
    assert.notEqual(readOnly.name, 'Good');
    assert.equal(await readValue(session, speedSetpoint), 40);
  });

  it('stops the pump on a stop command', async () => {
    const res = await session.write({ nodeId: running, attributeId: AttributeIds.Value, value: { value: { dataType: DataType.Boolean, value: false } } });
    assert.equal(res.name, 'Good');
    await until(async () => ((await readValue(session, flow)) as number) < 1);
    assert.equal(await readValue(session, running), false);
  });

  it('publishes fault ground truth under Simulation', async () => {
    assert.equal(await readValue(session, SIMULATION_NODE_IDS.faultKind), 'bearing-wear');
    assert.equal(await readValue(session, SIMULATION_NODE_IDS.faultAsset), 'pump-101');
    assert.equal(await readValue(session, SIMULATION_NODE_IDS.seed), 7);
    const onset = (await readValue(session, SIMULATION_NODE_IDS.faultOnsetTime)) as Date;
    const trip = (await readValue(session, SIMULATION_NODE_IDS.expectedTripTime)) as Date;
    assert.ok(onset.getTime() > Date.now() - 60_000 && trip.getTime() > onset.getTime());
    assert.equal(await readValue(session, SIMULATION_NODE_IDS.faultActive), false);
  });
});

describe('plant simulator secure endpoint (SignAndEncrypt)', () => {
  let dir: string;
  let sim: RunningSimulator;
  let client: OPCUAClient;
  let certs: OPCUACertificateManager;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pb-sim-sec-'));
    sim = await startSimulator({ port: 0, pkiDir: join(dir, 'sim-pki'), faults: [] });
    ({ client, clientCertificateManager: certs } = await makeClient(dir, MessageSecurityMode.SignAndEncrypt, SecurityPolicy.Basic256Sha256));
    // The client side trusts the simulator explicitly too: nobody auto-accepts.
    const pem = (await readFile(sim.certificateFile, 'latin1')).replace(/-----[^-]+-----|\s+/g, '');
    await certs.trustCertificate(Buffer.from(pem, 'base64'));
  });

  after(async () => {
    await client?.disconnect();
    await certs?.dispose();
    await sim?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('rejects a client whose certificate was not trusted', async () => {
    await assert.rejects(async () => {
      await client.connect(sim.endpointUrl);
      await client.createSession();
    });
    await client.disconnect();
  });

  it('accepts the client once its certificate is trusted', async () => {
    await sim.trustClientCertificate(client.certificateFile);
    await client.connect(sim.endpointUrl);
    const session = await client.createSession();
    const v = await session.read({ nodeId: flow, attributeId: AttributeIds.Value });
    assert.equal(v.statusCode.name, 'Good');
    await session.close();
    await client.disconnect();
  });
});
