// `plantbridge sparkplug-check`: watches an edge node's Sparkplug output on a broker and reports, rule by rule
// (Sparkplug 3.0 tck-ids), what it verified: for an integrator proving conformance on site.
import { runSparkplugCheck, formatSparkplugReport } from '../adapters/sparkplug/index.js';
import { silentLog } from './logger.js';

export interface SparkplugCheckFlags {
  mqttUrl: string;
  group?: string;
  edgeNode?: string;
  primaryHost?: string;
  seconds: number;
  username?: string;
  passwordEnv?: string;
  rebirth: boolean;
}

export async function runSparkplugCheckCommand(flags: SparkplugCheckFlags): Promise<void> {
  const password = flags.passwordEnv ? process.env[flags.passwordEnv] : undefined;
  const report = await runSparkplugCheck({
    mqttUrl: flags.mqttUrl,
    seconds: flags.seconds,
    requestRebirth: flags.rebirth,
    ...(flags.group ? { groupId: flags.group } : {}),
    ...(flags.edgeNode ? { edgeNodeId: flags.edgeNode } : {}),
    ...(flags.primaryHost ? { primaryHostId: flags.primaryHost } : {}),
    ...(flags.username ? { username: flags.username } : {}),
    ...(password ? { password } : {}),
    log: silentLog,
  });
  process.stdout.write(`${formatSparkplugReport(report)}\n`);
  process.exit(report.passed ? 0 : 1);
}
