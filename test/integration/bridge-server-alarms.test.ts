// Alarms as OPC UA Alarms & Conditions on the bridge server, against a real node-opcua client session over
// SignAndEncrypt: events on the Server object, Acknowledge from the client (journaled with the OPC UA user),
// refusals with the right status codes, and ConditionRefresh replaying the retained condition.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AttributeIds, ClientMonitoredItem, ClientSubscription, DataType, TimestampsToReturn, constructEventFilter, makeBrowsePath } from 'node-opcua';
import type { ClientSession, StatusCode, Variant } from 'node-opcua';
import type { AlarmDto, TagBatch } from '../../src-main/contract/index.js';
import { createBridgeServer } from '../../src-main/adapters/opcua/server/index.js';
import { ownCertificateFile, trustCertificateFile } from '../../src-main/adapters/opcua/pki.js';
import { createSqliteHistorian } from '../../src-main/adapters/store/index.js';
import type { TagDef } from '../../src-main/domain/tags.js';
import { createAlarmService, type AlarmService } from '../../src-main/services/alarm-service.js';
import type { BridgeServer, HistorianStore } from '../../src-main/services/ports.js';
import { FLOW, PASSWORD, RUNNING, createPeer, makeClient, quietLog, tempDir, testUsers, withSession, type Peer } from '../fixtures/opcua-peer.js';
import { waitFor } from '../fixtures/wait-for.js';

const OPERATOR = { userName: 'olga', password: PASSWORD };
const VIEWER = { userName: 'vic', password: PASSWORD };
const FLOW_ALARMED: TagDef = { ...FLOW, alarms: { H: 200, deadband: 5, priority: 2 } };
const ALARM_ID = `${FLOW.id}#H`;
const CONDITION_ID = `ns=1;s=${ALARM_ID}`;
const ACKNOWLEDGE = 'ns=0;i=9111'; // AcknowledgeableConditionType.Acknowledge
const CONDITION_TYPE = 'ns=0;i=2782';
const CONDITION_REFRESH = 'ns=0;i=3875';

const FIELDS = [
  'EventId',
  'ConditionId',
  'EventType',
  'SourceNode',
  'SourceName',
  'ConditionName',
  'Message',
  'Severity',
  'ActiveState.Id',
  'AckedState.Id',
  'ConfirmedState.Id',
  'Retain',
  'Comment',
  'ClientUserId',
] as const;
type ConditionEvent = Record<(typeof FIELDS)[number], unknown>;

function toEvent(fields: Variant[]): ConditionEvent {
  return Object.fromEntries(FIELDS.map((name, i) => [name, fields[i]?.value])) as ConditionEvent;
}

function text(v: unknown): string {
  return (v as { text?: string } | null)?.text ?? String(v);
}

/** Monitors events on the Server object for the length of `body`. */
async function withServerEvents<T>(session: ClientSession, body: (events: ConditionEvent[], subscriptionId: number) => Promise<T>): Promise<T> {
  const subscription = ClientSubscription.create(session, { requestedPublishingInterval: 100, publishingEnabled: true, maxNotificationsPerPublish: 100 });
  await new Promise<void>((resolve) => subscription.once('started', () => resolve()));
  const events: ConditionEvent[] = [];
  const item = ClientMonitoredItem.create(
    subscription,
    { nodeId: 'ns=0;i=2253', attributeId: AttributeIds.EventNotifier },
    { samplingInterval: 0, queueSize: 100, discardOldest: true, filter: constructEventFilter([...FIELDS]) },
    TimestampsToReturn.Neither,
  );
  item.on('changed', (fields: unknown) => events.push(toEvent(fields as Variant[])));
  await new Promise<void>((resolve, reject) => {
    item.once('initialized', () => resolve());
    item.once('err', (e: unknown) => reject(new Error(String(e))));
  });
  try {
    return await body(events, subscription.subscriptionId);
  } finally {
    await subscription.terminate();
  }
}

async function acknowledge(session: ClientSession, eventId: unknown, comment: string): Promise<StatusCode> {
  const result = await session.call({
    objectId: CONDITION_ID,
    methodId: ACKNOWLEDGE,
    inputArguments: [
      { dataType: DataType.ByteString, value: eventId },
      { dataType: DataType.LocalizedText, value: { text: comment } },
    ],
  });
  return result.statusCode;
}

function sample(tag: TagDef, value: number): TagBatch {
  return { samples: [{ tagId: tag.id, ts: Date.now(), value, quality: 'good' }] };
}

describe('bridge server Alarms & Conditions (real client session)', () => {
  const tmp = tempDir('pb-bridge-alarms-');
  const serverPki = path.join(tmp.dir, 'server-pki');
  let store: HistorianStore;
  let alarms: AlarmService;
  let server: BridgeServer;
  let peer: Peer;
  let url: string;

  function drive(value: number): void {
    const batch = sample(FLOW_ALARMED, value);
    server.update(batch);
    alarms.ingest(batch);
  }

  function current(): AlarmDto {
    const alarm = alarms.list('all').find((a) => a.id === ALARM_ID);
    assert.ok(alarm, 'the alarm exists in the AlarmService');
    return alarm;
  }

  before(async () => {
    store = createSqliteHistorian({ dbPath: path.join(tmp.dir, 'plantbridge.db'), retentionDays: 1, log: quietLog, clock: { now: () => Date.now() } });
    await store.open();
    alarms = createAlarmService({ store, clock: { now: () => Date.now() }, log: quietLog });
    server = createBridgeServer({
      host: '127.0.0.1',
      port: 0,
      pkiDir: serverPki,
      users: testUsers(),
      insecure: false,
      writeGate: async () => ({ status: 'Good', message: '' }),
      alarmActions: { acknowledge: (id, comment, user) => alarms.acknowledge(id, comment, user) },
      log: quietLog,
    });
    const tags = [FLOW_ALARMED, RUNNING];
    server.setTags(tags);
    alarms.setTags(tags);
    server.setAlarms(alarms.list('all'));
    alarms.onChange((changed) => server.updateAlarms(changed));
    await server.start();
    url = server.status().endpointUrl;
    peer = await createPeer(path.join(tmp.dir, 'client-pki'));
    await trustCertificateFile(serverPki, peer.certificateFile);
    await trustCertificateFile(peer.pkiDir, ownCertificateFile(serverPki));
  });

  after(async () => {
    await server.stop();
    await alarms.flush();
    await store.close();
    await peer.close();
    tmp.cleanup();
  });

  it('exposes each alarm as a condition of its tag: an ExclusiveLimitAlarm with HighLimit and the tag as InputNode', async () => {
    await withSession(makeClient(peer), url, OPERATOR, async (s) => {
      const paths = await s.translateBrowsePath([
        makeBrowsePath(CONDITION_ID, '.HighLimit'),
        makeBrowsePath(CONDITION_ID, '.InputNode'),
        makeBrowsePath(CONDITION_ID, '.ConditionName'),
      ]);
      const ids = paths.map((p) => p.targets?.[0]?.targetId);
      assert.ok(ids.every((id) => id !== undefined), 'HighLimit, InputNode and ConditionName are browsable');
      const values = await s.read(ids.map((nodeId) => ({ nodeId, attributeId: AttributeIds.Value })));
      assert.equal(values[0]?.value.value, 200);
      assert.equal(String(values[1]?.value.value), `ns=1;s=${FLOW.id}`);
      assert.equal(values[2]?.value.value, 'H');
      const type = await s.read({ nodeId: CONDITION_ID, attributeId: AttributeIds.BrowseName });
      assert.equal(type.statusCode.name, 'Good');
    });
  });

  it('raises an event on the Server object when the tag goes above its limit, and lets an operator acknowledge it', async () => {
    await withSession(makeClient(peer), url, OPERATOR, async (s) => {
      await withServerEvents(s, async (events) => {
        drive(230);
        const raised = await waitFor('the activation event', () =>
          events.find((e) => String(e.ConditionId) === CONDITION_ID && e['ActiveState.Id'] === true),
        );
        assert.equal(String(raised.SourceNode), `ns=1;s=${FLOW.id}`);
        assert.equal(raised.SourceName, FLOW.id);
        assert.equal(raised.ConditionName, 'H');
        assert.equal(raised.Severity, 700, 'priority 2 is severity 700');
        assert.equal(raised['AckedState.Id'], false);
        assert.equal(raised.Retain, true);
        assert.equal(text(raised.Message), current().message);
        assert.ok(Buffer.isBuffer(raised.EventId));

        assert.equal((await acknowledge(s, Buffer.from('not-an-event-id'), 'wrong id')).name, 'BadEventIdUnknown');
        assert.equal(current().acknowledged, false);

        assert.equal((await acknowledge(s, raised.EventId, 'seen, checking the pump')).name, 'Good');
        assert.equal(current().state, 'acknowledged');
        const acked = await waitFor('the acknowledge event', () =>
          events.find((e) => String(e.ConditionId) === CONDITION_ID && e['AckedState.Id'] === true),
        );
        assert.equal(acked['ActiveState.Id'], true);
        assert.equal(text(acked.Comment), 'seen, checking the pump');
        assert.equal(acked.ClientUserId, 'olga');
        assert.equal(acked.Retain, true, 'still active: retained');

        assert.equal((await acknowledge(s, acked.EventId, 'twice')).name, 'BadConditionBranchAlreadyAcked');
      });
    });
    await alarms.flush();
    const journal = await store.queryJournal({ limit: 10 });
    const row = journal.find((r) => r.alarmId === ALARM_ID && r.event === 'acknowledged');
    assert.ok(row, 'the acknowledge is in the alarm journal');
    assert.equal(row.user, 'olga (via OPC UA)');
    assert.equal(row.comment, 'seen, checking the pump');
  });

  it('refuses Acknowledge from a viewer with BadUserAccessDenied and leaves the alarm unacknowledged', async () => {
    drive(150); // returns (acknowledged → normal)
    await waitFor('return to normal', () => (current().state === 'normal' ? true : undefined));
    await withSession(makeClient(peer), url, VIEWER, async (s) => {
      await withServerEvents(s, async (events) => {
        drive(240);
        const raised = await waitFor('the activation event', () =>
          events.find((e) => String(e.ConditionId) === CONDITION_ID && e['ActiveState.Id'] === true && e['AckedState.Id'] === false),
        );
        assert.equal((await acknowledge(s, raised.EventId, 'not mine to ack')).name, 'BadUserAccessDenied');
      });
    });
    assert.equal(current().state, 'unacknowledged');
  });

  it('replays the retained condition on ConditionRefresh, between RefreshStart and RefreshEnd', async () => {
    await withSession(makeClient(peer), url, OPERATOR, async (s) => {
      await withServerEvents(s, async (events, subscriptionId) => {
        const before = events.length;
        const result = await s.call({
          objectId: CONDITION_TYPE,
          methodId: CONDITION_REFRESH,
          inputArguments: [{ dataType: DataType.UInt32, value: subscriptionId }],
        });
        assert.equal(result.statusCode.name, 'Good');
        const end = await waitFor('RefreshEnd', () => {
          const i = events.findIndex((e, n) => n >= before && String(e.EventType) === 'ns=0;i=2788');
          return i >= 0 ? i : undefined;
        });
        const start = events.findIndex((e, n) => n >= before && String(e.EventType) === 'ns=0;i=2787');
        assert.ok(start >= 0 && start < end, 'RefreshStartEvent comes first');
        const replayed = events.slice(start, end).filter((e) => String(e.ConditionId) === CONDITION_ID);
        assert.equal(replayed.length, 1);
        assert.equal(replayed[0]?.['ActiveState.Id'], true);
        assert.equal(replayed[0]?.['AckedState.Id'], false);
        assert.equal(replayed[0]?.Retain, true);
      });
    });
  });
});
