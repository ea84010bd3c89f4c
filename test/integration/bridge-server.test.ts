// The bridge server as a trusted SCADA client sees it: browse, read, subscribe and write over SignAndEncrypt
// (Aes256_Sha256_RsaPss) with a user name and password, against a real node-opcua client session.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  AttributeIds,
  ClientMonitoredItem,
  ClientSubscription,
  DataType,
  StatusCodes,
  TimestampsToReturn,
  makeBrowsePath,
} from 'node-opcua';
import type { ClientSession, DataValue, OPCUAClient } from 'node-opcua';
import { createBridgeServer } from '../../src-main/adapters/opcua/server/index.js';
import { ownCertificateFile, trustCertificateFile } from '../../src-main/adapters/opcua/pki.js';
import type { BridgeServer, WriteGate } from '../../src-main/services/ports.js';
import type { TagDef } from '../../src-main/domain/tags.js';
import {
  FLOW,
  PASSWORD,
  RUNNING,
  SETPOINT,
  TEST_TAGS,
  createPeer,
  makeClient,
  quietLog,
  tempDir,
  testUsers,
  withSession,
  type GateCall,
  type Peer,
} from '../fixtures/opcua-peer.js';

const nodeId = (t: TagDef): string => `ns=1;s=${t.id}`;
const OPERATOR = { userName: 'olga', password: PASSWORD };
const VIEWER = { userName: 'vic', password: PASSWORD };

describe('bridge OPC UA server (trusted client, user name and password)', () => {
  const tmp = tempDir('pb-bridge-');
  const serverPki = path.join(tmp.dir, 'server-pki');
  const gateCalls: GateCall[] = [];
  let gateAnswer = { status: 'Good', message: 'written' };
  /** When set, the gate waits for it before answering (to see what the client has meanwhile). */
  let gateHold: Promise<void> | null = null;
  const gate: WriteGate = async (request) => {
    gateCalls.push(request);
    if (gateHold) await gateHold;
    return gateAnswer;
  };
  let server: BridgeServer;
  let peer: Peer;
  let url: string;

  before(async () => {
    server = createBridgeServer({ host: '127.0.0.1', port: 0, pkiDir: serverPki, users: testUsers(), insecure: false, writeGate: gate, log: quietLog });
    server.setTags(TEST_TAGS);
    await server.start();
    url = server.status().endpointUrl;
    peer = await createPeer(path.join(tmp.dir, 'client-pki'));
    await trustCertificateFile(serverPki, peer.certificateFile);
    await trustCertificateFile(peer.pkiDir, ownCertificateFile(serverPki));
  });

  after(async () => {
    await server.stop();
    await peer.close();
    tmp.cleanup();
  });

  function session<T>(user: { userName: string; password: string }, body: (s: ClientSession) => Promise<T>, client?: OPCUAClient): Promise<T> {
    return withSession(client ?? makeClient(peer), url, user, body);
  }

  it('mirrors the tag tree under Objects/PlantBridge/<site>/<area>/<asset>/<tag>', async () => {
    await session(OPERATOR, async (s) => {
      const result = await s.translateBrowsePath(
        makeBrowsePath('ObjectsFolder', '/1:PlantBridge/1:Plant1/1:Utilities/1:Pump01/1:Flow'),
      );
      assert.equal(result.statusCode.name, 'Good');
      assert.equal(result.targets?.[0]?.targetId.toString(), nodeId(FLOW));
      const asset = await s.browse('ns=1;s=Plant1/Utilities/Pump01');
      const names = (asset.references ?? []).map((r) => r.browseName.name).sort();
      assert.deepEqual(names, ['Flow', 'Running', 'SpeedSetpoint']);
    });
  });

  it('serves the latest value with the source timestamp, status from quality, EURange and engineering units', async () => {
    const ts = Date.UTC(2025, 2, 1, 8, 30, 0);
    server.update({ samples: [{ tagId: FLOW.id, ts: ts - 1000, value: 10, quality: 'good' }] });
    server.update({ samples: [{ tagId: FLOW.id, ts, value: 123.5, quality: 'good' }, { tagId: RUNNING.id, ts, value: true, quality: 'stale' }] });
    await session(OPERATOR, async (s) => {
      const [flow, running] = (await s.read([
        { nodeId: nodeId(FLOW), attributeId: AttributeIds.Value },
        { nodeId: nodeId(RUNNING), attributeId: AttributeIds.Value },
      ], 0)) as DataValue[];
      assert.equal(flow?.value.value, 123.5);
      assert.equal(flow?.value.dataType, DataType.Double);
      assert.equal(flow?.statusCode.name, 'Good');
      assert.equal(flow?.sourceTimestamp?.getTime(), ts);
      // A disconnected source: the last value stays visible, marked not live.
      assert.equal(running?.value.value, true);
      assert.equal(running?.statusCode.name, 'UncertainLastUsableValue');

      const props = await s.translateBrowsePath([
        makeBrowsePath(nodeId(FLOW), '.EURange'),
        makeBrowsePath(nodeId(FLOW), '.EngineeringUnits'),
      ]);
      const [range, units] = (await s.read(props.map((p) => ({ nodeId: p.targets![0]!.targetId, attributeId: AttributeIds.Value })))) as DataValue[];
      assert.deepEqual({ low: range?.value.value.low, high: range?.value.value.high }, { low: 0, high: 250 });
      assert.equal(units?.value.value.displayName.text, 'm³/h');
      assert.equal(units?.value.value.unitId, 5067080); // UNECE MQH
      const description = await s.read({ nodeId: nodeId(FLOW), attributeId: AttributeIds.Description });
      assert.equal(description.value.value.text, 'Flow of Pump01');
    });
  });

  it('reports AccessLevel CurrentWrite only on writable tags, and UserAccessLevel without it for a viewer', async () => {
    const levels = async (user: typeof OPERATOR): Promise<number[]> =>
      session(user, async (s) =>
        ((await s.read([
          { nodeId: nodeId(FLOW), attributeId: AttributeIds.AccessLevel },
          { nodeId: nodeId(SETPOINT), attributeId: AttributeIds.AccessLevel },
          { nodeId: nodeId(SETPOINT), attributeId: AttributeIds.UserAccessLevel },
        ])) as DataValue[]).map((d) => d.value.value as number),
      );
    const [flowLevel, setpointLevel, operatorUserLevel] = await levels(OPERATOR);
    assert.equal(flowLevel, 1); // CurrentRead
    assert.equal(setpointLevel, 3); // CurrentRead | CurrentWrite
    assert.equal(operatorUserLevel, 3);
    const [, , viewerUserLevel] = await levels(VIEWER);
    assert.equal(viewerUserLevel, 1);
  });

  it('delivers changed values to a subscription', async () => {
    server.update({ samples: [{ tagId: FLOW.id, ts: Date.now(), value: 1, quality: 'good' }] });
    await session(OPERATOR, async (s) => {
      const subscription = ClientSubscription.create(s, { requestedPublishingInterval: 100, publishingEnabled: true, requestedMaxKeepAliveCount: 10 });
      const item = ClientMonitoredItem.create(
        subscription,
        { nodeId: nodeId(FLOW), attributeId: AttributeIds.Value },
        { samplingInterval: 0, queueSize: 10, discardOldest: true },
        TimestampsToReturn.Both,
      );
      const seen: number[] = [];
      const got42 = new Promise<DataValue>((resolve) => {
        item.on('changed', (dv: DataValue) => {
          seen.push(dv.value.value as number);
          if (dv.value.value === 42) resolve(dv);
        });
      });
      await new Promise<void>((resolve) => item.once('initialized', () => resolve()));
      const ts = Date.now();
      server.update({ samples: [{ tagId: FLOW.id, ts, value: 42, quality: 'good' }] });
      const dv = await got42;
      assert.equal(dv.sourceTimestamp?.getTime(), ts);
      assert.equal(seen[0], 1, 'the first notification is the value before the change');
      await subscription.terminate();
    });
  });

  it('refuses a wrong password', async () => {
    const client = makeClient(peer);
    await client.connect(url);
    try {
      await assert.rejects(
        client.createSession({ type: 1 /* UserName */, userName: 'olga', password: 'wrong' }),
        (err: Error) => /BadUserAccessDenied|BadIdentityTokenRejected/.test(err.message),
      );
      await assert.rejects(
        client.createSession({ type: 1, userName: 'nobody', password: PASSWORD }),
        (err: Error) => /BadUserAccessDenied|BadIdentityTokenRejected/.test(err.message),
      );
    } finally {
      await client.disconnect();
    }
  });

  describe('writes', () => {
    it('answers BadNotWritable on a read-only tag without asking the gate', async () => {
      gateCalls.length = 0;
      const status = await session(OPERATOR, (s) =>
        s.write({ nodeId: nodeId(FLOW), attributeId: AttributeIds.Value, value: { value: { dataType: DataType.Double, value: 5 } } }),
      );
      assert.equal(status.name, 'BadNotWritable');
      assert.equal(gateCalls.length, 0);
    });

    it('returns the gate refusal (BadOutOfRange) to the client', async () => {
      gateCalls.length = 0;
      gateAnswer = { status: 'BadOutOfRange', message: 'above 100 %' };
      const status = await session(OPERATOR, (s) =>
        s.write({ nodeId: nodeId(SETPOINT), attributeId: AttributeIds.Value, value: { value: { dataType: DataType.Double, value: 150 } } }),
      );
      assert.equal(status.name, 'BadOutOfRange');
      assert.equal(gateCalls.length, 1);
    });

    it('answers Good only after the gate said Good, and the gate sees the user and the value', async () => {
      gateCalls.length = 0;
      gateAnswer = { status: 'Good', message: 'written' };
      let release = (): void => {};
      gateHold = new Promise<void>((r) => (release = r));
      const acceptedBefore = server.status().acceptedWrites;
      let clientAnswered = false;
      const writing = session(OPERATOR, async (s) => {
        const st = await s.write({ nodeId: nodeId(SETPOINT), attributeId: AttributeIds.Value, value: { value: { dataType: DataType.Double, value: 55 } } });
        clientAnswered = true;
        return st;
      });
      while (gateCalls.length === 0) await new Promise((r) => setTimeout(r, 20));
      assert.equal(clientAnswered, false, 'the client has no answer while the gate is still deciding');
      gateHold = null;
      release();
      const status = await writing;
      assert.equal(status.name, 'Good');
      assert.deepEqual(gateCalls[0], { tag: SETPOINT.id, value: 55, user: 'olga', via: 'opcua' });
      assert.equal(server.status().acceptedWrites, acceptedBefore + 1);
    });

    it('refuses a viewer with BadUserAccessDenied, without asking the gate', async () => {
      gateCalls.length = 0;
      const status = await session(VIEWER, (s) =>
        s.write({ nodeId: nodeId(SETPOINT), attributeId: AttributeIds.Value, value: { value: { dataType: DataType.Double, value: 20 } } }),
      );
      assert.equal(status.name, 'BadUserAccessDenied');
      assert.equal(gateCalls.length, 0);
    });

    it('refuses writing a status code or a source timestamp (BadWriteNotSupported)', async () => {
      gateCalls.length = 0;
      const [withTs, withStatus] = await session(OPERATOR, (s) =>
        s.write([
          { nodeId: nodeId(SETPOINT), attributeId: AttributeIds.Value, value: { value: { dataType: DataType.Double, value: 20 }, sourceTimestamp: new Date() } },
          { nodeId: nodeId(SETPOINT), attributeId: AttributeIds.Value, value: { value: { dataType: DataType.Double, value: 20 }, statusCode: StatusCodes.Uncertain } },
        ]),
      );
      assert.equal(withTs?.name, 'BadWriteNotSupported');
      assert.equal(withStatus?.name, 'BadWriteNotSupported');
      assert.equal(gateCalls.length, 0);
    });

    it('refuses a value of the wrong type (BadTypeMismatch) before the gate', async () => {
      gateCalls.length = 0;
      const status = await session(OPERATOR, (s) =>
        s.write({ nodeId: nodeId(SETPOINT), attributeId: AttributeIds.Value, value: { value: { dataType: DataType.String, value: 'fast' } } }),
      );
      assert.equal(status.name, 'BadTypeMismatch');
      assert.equal(gateCalls.length, 0);
    });
  });

  it('adds new tags and removes dropped ones when setTags is called again', async () => {
    const added: TagDef = { ...FLOW, id: 'Plant1/Utilities/Pump02/Flow', asset: 'Pump02', unit: 'bar' };
    server.setTags([FLOW, SETPOINT, added]);
    assert.equal(server.status().tags, 3);
    await session(OPERATOR, async (s) => {
      const [addedValue, removed] = (await s.read([
        { nodeId: nodeId(added), attributeId: AttributeIds.Value },
        { nodeId: nodeId(RUNNING), attributeId: AttributeIds.Value },
      ])) as DataValue[];
      assert.equal(addedValue?.statusCode.name, 'BadWaitingForInitialData');
      assert.equal(removed?.statusCode.name, 'BadNodeIdUnknown');
      assert.ok(server.status().sessions >= 1);
    });
    server.setTags(TEST_TAGS);
  });
});
