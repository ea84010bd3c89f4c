// Running state of each watched asset, from its boolean `running` tag: the rules ignore a stopped machine and the
// start-up transient after it starts. Assets without a running tag always count as running.
import type { TagSample } from '../../contract/index.js';

export interface AssetRunState {
  running: boolean;
  /** When the current running/stopped state began (−∞ when never seen changing). */
  since: number;
}

export function runningValue(sample: TagSample): boolean | null {
  if (sample.quality !== 'good') return null;
  if (typeof sample.value === 'boolean') return sample.value;
  if (typeof sample.value === 'number') return sample.value !== 0;
  return null;
}

export function newAssetRunState(): AssetRunState {
  return { running: true, since: Number.NEGATIVE_INFINITY };
}

/** Samples at `ts` are judged only while running and after the settling time. */
export function acceptsAt(s: AssetRunState, ts: number, settleMs: number): boolean {
  return s.running ? ts >= s.since + settleMs : ts < s.since;
}

export function applyRunning(s: AssetRunState, sample: TagSample): void {
  const running = runningValue(sample);
  if (running !== null && running !== s.running) {
    s.running = running;
    s.since = sample.ts;
  }
}
