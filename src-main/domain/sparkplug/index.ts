// Pure Sparkplug B logic: topics, sequence numbers, metric catalog and aliases, payload building, STATE parsing.
export * from './sparkplug-topics.js';
export * from './sequence.js';
export * from './payload-model.js';
export * from './datatypes.js';
export * from './device-naming.js';
export * from './metric-catalog.js';
export * from './message-builders.js';
export * from './state-message.js';
export * from './batch-record.js';
export * from './device-liveness.js';
