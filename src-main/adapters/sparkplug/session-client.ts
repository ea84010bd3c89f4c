// One MQTT connection of the edge node: clean session (tck-id-principles-persistence-clean-session-311), the NDEATH
// as will (QoS 1, not retained, carrying this CONNECT's bdSeq), no automatic reconnect: every CONNECT needs its own
// will payload, so the edge node makes a new client per attempt.
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import { ndeathPayload, nodeTopic, stateTopic } from '../../domain/sparkplug/index.js';
import { buildClientOptions, type MqttTlsFiles } from '../mqtt/mqtt-connect-options.js';
import { encodeSparkplugPayload } from './sparkplug-codec.js';

export interface SessionSettings {
  url: string;
  clientId?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  tls?: MqttTlsFiles | undefined;
  groupId: string;
  edgeNodeId: string;
  connectTimeoutMs: number;
  keepaliveSeconds: number;
}

export function sessionClientOptions(settings: SessionSettings, bdSeq: number, now: number): IClientOptions {
  const willTopic = nodeTopic(settings.groupId, 'NDEATH', settings.edgeNodeId);
  const options = buildClientOptions({
    url: settings.url,
    clientId: settings.clientId,
    username: settings.username,
    password: settings.password,
    tls: settings.tls,
    willTopic,
    reconnectPeriodMs: 0,
    connectTimeoutMs: settings.connectTimeoutMs,
  });
  options.protocolVersion = 4;
  options.clean = true;
  options.reconnectPeriod = 0;
  options.keepalive = settings.keepaliveSeconds;
  options.will = { topic: willTopic, payload: Buffer.from(encodeSparkplugPayload(ndeathPayload(bdSeq, now))), qos: 1, retain: false };
  return options;
}

export function openSessionClient(settings: SessionSettings, bdSeq: number, now: number): MqttClient {
  return connect(settings.url, sessionClientOptions(settings, bdSeq, now));
}

/** Publishes at QoS 1 and resolves on PUBACK, on failure, or after `waitMs` (never hangs on a dead link). */
export function publishAcked(client: MqttClient, topic: string, payload: Uint8Array, waitMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), waitMs);
    client.publish(topic, Buffer.from(payload), { qos: 1, retain: false }, (err) => {
      clearTimeout(timer);
      resolve(err === undefined || err === null);
    });
  });
}

/** Ends the client: DISCONNECT when possible (so the broker drops the will), forced after `graceMs`. */
export function endSessionClient(client: MqttClient, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => client.end(true, {}, () => resolve()), graceMs);
    client.end(!client.connected, {}, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** NCMD, DCMD for every device, and the primary host's STATE: all at QoS 1 (tck-id-message-flow-edge-node-ncmd-subscribe). */
export function edgeNodeSubscriptions(groupId: string, edgeNodeId: string, primaryHostId: string | undefined): Record<string, { qos: 1 }> {
  const filters: Record<string, { qos: 1 }> = {
    [nodeTopic(groupId, 'NCMD', edgeNodeId)]: { qos: 1 },
    [`spBv1.0/${groupId}/DCMD/${edgeNodeId}/+`]: { qos: 1 },
  };
  if (primaryHostId !== undefined) filters[stateTopic(primaryHostId)] = { qos: 1 };
  return filters;
}

/** NDEATH (QoS 1, waiting briefly for its PUBACK) when the session is up, then DISCONNECT (S-i). */
export async function closeWithNdeath(client: MqttClient, settings: SessionSettings, bdSeq: number | null, now: number, waitMs: number): Promise<void> {
  if (client.connected && bdSeq !== null) {
    const topic = nodeTopic(settings.groupId, 'NDEATH', settings.edgeNodeId);
    await publishAcked(client, topic, encodeSparkplugPayload(ndeathPayload(bdSeq, now)), waitMs);
  }
  await endSessionClient(client, waitMs);
}
