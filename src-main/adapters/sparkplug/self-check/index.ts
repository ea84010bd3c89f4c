// The Sparkplug conformance self-check (`plantbridge sparkplug-check --mqtt-url …`).
export { runSparkplugCheck } from './run-check.js';
export type { SparkplugCheckOptions } from './run-check.js';
export { formatSparkplugReport } from './check-report.js';
export type { SparkplugCheckReport, SparkplugCheckResult, CheckOutcome } from './check-report.js';
