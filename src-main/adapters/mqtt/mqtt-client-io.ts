// Small helpers over mqtt.js internals the uplink relies on, kept in one place with the reason for each.
import type { MqttClient } from 'mqtt';

/** Where remote commands arrive: `<prefix>/<site>/<area>/<asset>/<tag>/set`. */
export function commandFilter(prefix: string): string {
  return `${prefix}/+/+/+/+/set`;
}

/** Socket backpressure: past the socket's high-water mark the pump waits for 'drain' (mqtt.js would otherwise
 * attach one 'drain' listener per message and buffer without bound). */
export function socketFull(client: MqttClient): boolean {
  const stream = client.stream as { writableNeedDrain?: boolean } | undefined;
  return stream?.writableNeedDrain === true;
}

/**
 * mqtt.js keeps un-acknowledged QoS 1 publishes in its outgoing store and resends them after a reconnect. The
 * outbox already gets them back (released) and the pump resends them flagged historical, so mqtt.js' copies are
 * removed to avoid a second delivery. Their callbacks fire with an error, which the pump ignores (old epoch).
 */
export function discardUnsentMessages(client: MqttClient): void {
  for (const key of Object.keys(client.outgoing)) client.removeOutgoingMessage(Number(key));
}
