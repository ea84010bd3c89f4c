// Small promise wrappers around the mqtt.js client lifecycle; each one is bounded in time so start() and stop()
// never hang on a broker that does not answer.
import type { MqttClient } from 'mqtt';
import { bridgeStatusTopic, type BridgePresence } from '../../domain/uns-topic.js';

/** Resolves at the first connect, error or close of the first attempt (or after `ms`): start() reports, never hangs. */
export function firstOutcome(client: MqttClient, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      client.off('connect', done).off('error', done).off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    client.on('connect', done).on('error', done).on('close', done);
  });
}

export function publishPresence(client: MqttClient, prefix: string, presence: BridgePresence, waitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = waitMs > 0 ? setTimeout(resolve, waitMs) : null;
    client.publish(bridgeStatusTopic(prefix), presence, { qos: 1, retain: true }, () => {
      if (timer !== null) clearTimeout(timer);
      resolve();
    });
    if (timer === null) resolve();
  });
}

/** Ends the client gracefully (DISCONNECT, so no will) or forcibly when the broker is away; never hangs. */
export function endClient(client: MqttClient, force: boolean, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => client.end(true, {}, () => resolve()), graceMs);
    client.end(force, {}, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
