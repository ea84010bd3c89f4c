// Public surface of the Sparkplug B adapter: the edge node uplink and the conformance self-check.
export { createSparkplugUplink } from './sparkplug-uplink.js';
export type { SparkplugUplink } from './sparkplug-uplink.js';
export type { SparkplugUplinkOptions, SparkplugUplinkStatus } from './sparkplug-options.js';
export { runSparkplugCheck, formatSparkplugReport } from './self-check/index.js';
export type { SparkplugCheckOptions, SparkplugCheckReport, SparkplugCheckResult } from './self-check/index.js';
