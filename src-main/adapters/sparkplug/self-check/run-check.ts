// `plantbridge sparkplug-check`: subscribes to spBv1.0/#, asks the edge node for a rebirth (twice, to compare bdSeq
// within one session), watches for `seconds`, and reports each rule with its tck-ids. MQTT 5 with
// retain-as-published, so the retain flag seen is the one the edge node set.
import { connect } from 'mqtt';
import type { Log } from '../../../services/ports.js';
import { nodeTopic } from '../../../domain/sparkplug/index.js';
import { redactUrl } from '../../mqtt/mqtt-error-text.js';
import { encodeSparkplugPayload } from '../sparkplug-codec.js';
import { SpType } from '../../../domain/sparkplug/index.js';
import { CheckObserver } from './check-observer.js';
import type { SparkplugCheckReport } from './check-report.js';

export interface SparkplugCheckOptions {
  mqttUrl: string;
  groupId?: string;
  edgeNodeId?: string;
  /** When given, STATE handling is checked too. */
  primaryHostId?: string;
  seconds: number;
  username?: string;
  password?: string;
  /** Default true: send NCMD Node Control/Rebirth (the check joins mid-session and needs births to judge). */
  requestRebirth?: boolean;
  log: Log;
}

function rebirthPayload(): Buffer {
  const now = Date.now();
  return Buffer.from(
    encodeSparkplugPayload({
      timestamp: now,
      seq: null,
      metrics: [{ name: 'Node Control/Rebirth', timestamp: now, type: SpType.Boolean, datatypeOnWire: true, value: true }],
    }),
  );
}

export async function runSparkplugCheck(opts: SparkplugCheckOptions): Promise<SparkplugCheckReport> {
  const observer = new CheckObserver(opts, () => Date.now());
  const client = connect(opts.mqttUrl, {
    protocolVersion: 5,
    clean: true,
    reconnectPeriod: 0,
    connectTimeout: 10_000,
    clientId: `plantbridge-sparkplug-check-${process.pid}`,
    ...(opts.username !== undefined ? { username: opts.username } : {}),
    ...(opts.password !== undefined ? { password: opts.password } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', (err) => {
      client.end(true);
      reject(new Error(`Sparkplug check: cannot connect to ${redactUrl(opts.mqttUrl)}: ${err.message}`));
    });
  });
  const wantRebirth = opts.requestRebirth ?? true;
  let requests = 0;
  const requestRebirth = (): void => {
    if (!wantRebirth || observer.groupId === null || observer.edgeNodeId === null) return;
    requests++;
    observer.rebirthRequested();
    client.publish(nodeTopic(observer.groupId, 'NCMD', observer.edgeNodeId), rebirthPayload(), { qos: 0 });
    opts.log.info({ groupId: observer.groupId, edgeNodeId: observer.edgeNodeId }, 'Sparkplug check: rebirth requested');
  };
  client.on('message', (topic, payload, packet) => {
    const known = observer.edgeNodeId !== null;
    observer.observe(topic, payload, packet.qos, packet.retain);
    if (!known && observer.edgeNodeId !== null && requests === 0) requestRebirth();
  });
  await client.subscribeAsync('spBv1.0/#', { qos: 1, rap: true });
  if (observer.edgeNodeId !== null) requestRebirth();
  const ms = Math.max(1, opts.seconds) * 1000;
  const second = setTimeout(requestRebirth, ms / 2);
  await new Promise((resolve) => setTimeout(resolve, ms));
  clearTimeout(second);
  await client.endAsync(true);
  const results = observer.results();
  return {
    mqttUrl: redactUrl(opts.mqttUrl),
    groupId: observer.groupId,
    edgeNodeId: observer.edgeNodeId,
    primaryHostId: opts.primaryHostId ?? null,
    seconds: opts.seconds,
    messages: observer.messages,
    rebirthRequests: requests,
    results,
    passed: results.every((r) => r.outcome !== 'fail'),
  };
}
