// Public surface of the MQTT adapters: the JSON unified-namespace uplink and the embedded broker.
export { createMqttJsonUplink } from './mqtt-json-uplink.js';
export type { MqttJsonUplink, MqttUplinkOptions } from './mqtt-json-uplink.js';
export type { MqttUplinkStatus } from './uplink-status-tracker.js';
export type { MqttTlsFiles } from './mqtt-connect-options.js';
export { startEmbeddedBroker, isLoopbackHost } from './embedded-broker.js';
export type { EmbeddedBroker, EmbeddedBrokerOptions } from './embedded-broker.js';
export { redactUrl } from './mqtt-error-text.js';
