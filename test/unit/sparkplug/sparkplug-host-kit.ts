// A scripted Sparkplug host for the tests: sends NCMD/DCMD (encoded as a host would, with sparkplug-payload) and STATE.
import type { MqttClient } from 'mqtt';
import spb from 'sparkplug-payload';

const codec = spb.get('spBv1.0');

export function encodeHostPayload(metrics: object[], timestamp = Date.now()): Buffer {
  if (codec === null) throw new Error('sparkplug-payload has no spBv1.0 codec');
  return Buffer.from(codec.encodePayload({ timestamp, metrics: metrics as never }));
}

export async function sendRebirth(client: MqttClient, group: string, edge: string): Promise<void> {
  await client.publishAsync(`spBv1.0/${group}/NCMD/${edge}`, encodeHostPayload([{ name: 'Node Control/Rebirth', type: 'Boolean', value: true }]), { qos: 0 });
}

export async function sendState(client: MqttClient, hostId: string, payload: string | object): Promise<void> {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  await client.publishAsync(`spBv1.0/STATE/${hostId}`, text, { qos: 1, retain: true });
}
