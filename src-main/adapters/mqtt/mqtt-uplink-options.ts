// Settings of the MQTT JSON uplink (what the composition root passes to createMqttJsonUplink).
import type { Clock, Log, Outbox } from '../../services/ports.js';
import type { MqttTlsFiles } from './mqtt-connect-options.js';

export interface MqttUplinkOptions {
  /** Unique per project (default `mqtt-json`). */
  id?: string;
  /** mqtt://, mqtts://, ws:// or wss://; credentials in the URL are accepted but never shown in the status. */
  url: string;
  /** UNS root, default `plantbridge`. May have several levels (`acme/uns`). */
  topicPrefix?: string;
  /** Default 1: the broker acknowledges every value. */
  qos?: 0 | 1;
  /** Default true, as is usual for a UNS: a late subscriber immediately gets the last value of every tag. */
  retain?: boolean;
  clientId?: string;
  username?: string;
  password?: string;
  tls?: MqttTlsFiles;
  /** Whether the URL points at the broker PlantBridge runs itself (shown in the status only). */
  embeddedBroker?: boolean;
  /** The durable store-and-forward (the opened SQLite outbox). Without it messages wait in memory only. */
  outbox?: Outbox;
  /** Bound of the in-memory queue when there is no outbox; the oldest messages go first. Default 100,000. */
  maxQueued?: number;
  /** Backlog drain rate after a reconnect (messages/s); live data is not limited. Default 5,000. */
  drainPerSecond?: number;
  /** Remote commands: subscribed at QoS 1 on `<prefix>/+/+/+/+/set` after every connect, handed over as received. */
  onCommand?: (topic: string, payload: Buffer) => void;
  /** Pause between reconnection attempts, default 2,000 ms. */
  reconnectPeriodMs?: number;
  /** How long one connection attempt may take, default 10,000 ms. */
  connectTimeoutMs?: number;
  log: Log;
  clock: Clock;
}
