// The MQTT uplink as the project asks for it: the embedded broker (zero setup), an external broker, or none.
import { createMqttJsonUplink, startEmbeddedBroker } from '../adapters/mqtt/index.js';
import type { Clock, Log, Uplink } from '../services/ports.js';
import type { ProjectConfig } from './config-schema.js';

export interface UplinkSetup {
  uplink: Uplink | null;
  /** The broker the uplink publishes to (the embedded one's real URL), or null when the uplink is off. */
  brokerUrl: string | null;
  stop(): Promise<void>;
}

export async function startUplink(project: ProjectConfig, log: Log, clock: Clock): Promise<UplinkSetup> {
  const mqtt = project.mqtt;
  if (mqtt.url === 'none') return { uplink: null, brokerUrl: null, stop: async () => {} };

  const broker =
    mqtt.url === 'embedded' ? await startEmbeddedBroker({ host: '127.0.0.1', port: mqtt.embeddedPort, log }) : null;
  const url = broker?.url ?? mqtt.url;
  const password = mqtt.passwordEnv ? process.env[mqtt.passwordEnv] : undefined;
  const uplink = createMqttJsonUplink({
    url,
    topicPrefix: mqtt.topicPrefix,
    qos: mqtt.qos,
    retain: mqtt.retain,
    embeddedBroker: broker !== null,
    ...(mqtt.clientId ? { clientId: mqtt.clientId } : {}),
    ...(mqtt.username ? { username: mqtt.username } : {}),
    ...(password ? { password } : {}),
    ...(mqtt.tls ? { tls: mqtt.tls } : {}),
    log,
    clock,
  });
  try {
    await uplink.start();
  } catch (err) {
    await broker?.stop();
    throw err;
  }
  return {
    uplink,
    brokerUrl: url,
    stop: async () => {
      await uplink.stop();
      await broker?.stop();
    },
  };
}
