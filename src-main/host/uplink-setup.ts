// The uplinks the project asks for, side by side, each with its own durable outbox: the MQTT JSON unified
// namespace and the Sparkplug B edge node, on the embedded broker (zero setup) or an external one.
import { join } from 'node:path';
import { createMqttJsonUplink, startEmbeddedBroker, type EmbeddedBroker } from '../adapters/mqtt/index.js';
import { createSparkplugUplink } from '../adapters/sparkplug/index.js';
import { createSqliteOutbox } from '../adapters/store/outbox/index.js';
import type { Clock, Log, Outbox, Uplink, WriteGate } from '../services/ports.js';
import type { RemoteCommandService } from '../services/remote-commands.js';
import type { ProjectConfig } from './config-schema.js';
import { startLwm2m } from './lwm2m-setup.js';
import { PLANTBRIDGE_VERSION } from './version.js';
import { addOneM2mUplink } from './onem2m-setup.js';
import { addCoapUplinks } from './coap-setup.js';

export interface UplinkSetup {
  uplinks: Uplink[];
  /** The broker the uplinks publish to (the embedded one's real URL), or null when there is none. */
  brokerUrl: string | null;
  stop(): Promise<void>;
}

export interface UplinkDeps {
  project: ProjectConfig;
  dataDir: string;
  remote: RemoteCommandService;
  log: Log;
  clock: Clock;
  /** The command gate, for uplinks that accept writes from their peer (LwM2M Write of a tag value). */
  writeGate?: WriteGate;
  /** Tags of PlantBridge's active system alarms (LwM2M /3/0/11 error codes). */
  systemAlarms?: () => string[];
  /** Restarts the bridge service in-process (LwM2M Execute /3/0/4), when the host can. */
  requestRestart?: () => void;
}

/** What a protocol's setup module gets to add its uplink(s) beside the MQTT ones. */
export interface UplinkContext extends UplinkDeps {
  /** Opens (and closes on stop) the durable outbox `outbox-<id>.db` in the data dir. */
  openOutbox(id: string): Promise<Outbox>;
  /** Starts the uplink, stops it on shutdown, and lists it with the others. */
  add(uplink: Uplink): Promise<void>;
  /** Runs `stop` on shutdown (after the uplinks added later are stopped), for helpers such as listeners. */
  onStop(stop: () => Promise<void>): void;
}

const MB = 1024 * 1024;

export async function startUplinks(deps: UplinkDeps): Promise<UplinkSetup> {
  const { project, dataDir, remote, log, clock } = deps;
  const { mqtt, sparkplug } = project;
  const wantJson = mqtt.url !== 'none' && mqtt.json;
  const wantSparkplug = mqtt.url !== 'none' && sparkplug.enabled;

  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch((err: unknown) => log.warn({ err }, 'uplink stop failed'));
  };
  try {
    let broker: EmbeddedBroker | null = null;
    if (mqtt.url === 'embedded' && (wantJson || wantSparkplug)) {
      const started = await startEmbeddedBroker({ host: '127.0.0.1', port: mqtt.embeddedPort, log });
      stoppers.push(() => started.stop());
      broker = started;
    }
    const brokerUrl = wantJson || wantSparkplug ? (broker?.url ?? mqtt.url) : null;
    const openOutbox = async (id: string): Promise<Outbox> => {
      const outbox = createSqliteOutbox({
        dbPath: join(dataDir, `outbox-${id}.db`),
        maxBytes: project.outbox.maxMb * MB,
        maxAgeMs: project.outbox.maxAgeHours * 3_600_000,
        log,
        clock,
      });
      await outbox.open();
      stoppers.push(() => outbox.close());
      return outbox;
    };

    const uplinks: Uplink[] = [];
    if (wantJson) {
      const password = mqtt.passwordEnv ? process.env[mqtt.passwordEnv] : undefined;
      const uplink = createMqttJsonUplink({
        id: 'mqtt-json',
        url: brokerUrl ?? mqtt.url,
        topicPrefix: mqtt.topicPrefix,
        qos: mqtt.qos,
        retain: mqtt.retain,
        embeddedBroker: broker !== null,
        outbox: await openOutbox('mqtt-json'),
        drainPerSecond: project.outbox.drainPerSecond,
        onCommand: (topic, payload) => void remote.handleJsonCommand(topic, payload, mqtt.topicPrefix),
        ...(mqtt.clientId ? { clientId: mqtt.clientId } : {}),
        ...(mqtt.username ? { username: mqtt.username } : {}),
        ...(password ? { password } : {}),
        ...(mqtt.tls ? { tls: mqtt.tls } : {}),
        log,
        clock,
      });
      await uplink.start();
      stoppers.push(() => uplink.stop());
      uplinks.push(uplink);
    }
    if (wantSparkplug) {
      const password = sparkplug.passwordEnv ? process.env[sparkplug.passwordEnv] : undefined;
      const uplink = createSparkplugUplink({
        id: 'sparkplug',
        url: sparkplug.url === 'same' ? (brokerUrl ?? mqtt.url) : sparkplug.url,
        groupId: sparkplug.groupId,
        edgeNodeId: sparkplug.edgeNodeId,
        ...(sparkplug.primaryHostId ? { primaryHostId: sparkplug.primaryHostId } : {}),
        batchMs: sparkplug.batchMs,
        outbox: await openOutbox('sparkplug'),
        drainPerSecond: project.outbox.drainPerSecond,
        bdSeqFile: join(dataDir, 'sparkplug-bdseq.json'),
        commands: remote,
        commandUser: project.remoteCommands.sparkplugUser,
        softwareVersion: PLANTBRIDGE_VERSION,
        ...(sparkplug.clientId ? { clientId: sparkplug.clientId } : {}),
        ...(sparkplug.username ? { username: sparkplug.username } : {}),
        ...(password ? { password } : {}),
        log,
        clock,
      });
      await uplink.start();
      stoppers.push(() => uplink.stop());
      uplinks.push(uplink);
    }
    const context: UplinkContext = {
      ...deps,
      openOutbox,
      add: async (uplink) => {
        await uplink.start();
        stoppers.push(() => uplink.stop());
        uplinks.push(uplink);
      },
      onStop: (stop) => {
        stoppers.push(stop);
      },
    };
    // Uplinks beyond MQTT: each protocol's own host/<protocol>-setup.ts module adds its uplink(s) through `context`.
    await addCoapUplinks(context);
    await addOneM2mUplink(context);
    await startLwm2m(context);
    return { uplinks, brokerUrl, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
