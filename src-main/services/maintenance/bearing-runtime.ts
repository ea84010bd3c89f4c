// The bearing-wear rule's runtime: its own fast per-signal trackers (15 s buckets, short windows), fed on the hot
// path, assessed on the evaluation tick.
import type { TagSample } from '../../contract/index.js';
import {
  assessBearing,
  BEARING_WEAR_RULE,
  type BearingRuleConfig,
  type BearingRuleSettings,
  type SignalInput,
} from '../../domain/maintenance/bearing-rule.js';
import { createSignalTracker, type SignalTracker, type SignalTrackerSettings } from '../../domain/maintenance/signal-tracker.js';
import type { TagDef } from '../../domain/tags.js';
import type { Log } from '../ports.js';
import { acceptsAt, applyRunning, newAssetRunState } from './asset-state.js';
import type { RuleRuntime } from './channel-rules.js';
import type { RuleAssessment } from '../../domain/maintenance/rules/rule-assessment.js';

type Role = 'vibration' | 'temperature' | 'current';

export interface BearingRuntime extends RuleRuntime {
  /** Hot path: returns true when the sample belonged to this rule. Running samples must come first in a batch. */
  addRunning(sample: TagSample): boolean;
  add(sample: TagSample): boolean;
  heldPoints(out: Record<string, number>): void;
}

function humanLabel(tag: TagDef | undefined, fallback: string): string {
  const words = (tag?.name ?? fallback).replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function createBearingRuntime(
  rule: BearingRuleConfig,
  settings: SignalTrackerSettings & BearingRuleSettings & { settleMs: number },
  tagDefs: () => ReadonlyMap<string, TagDef>,
  log: Log,
  warnedNoLimit: Set<string>,
  /** Slow path (days-long wear on the long-memory channel statistics), used when the fast trackers see nothing. */
  slow: ((now: number) => RuleAssessment) | null = null,
): BearingRuntime {
  const trackers: Record<Role, SignalTracker | null> = {
    vibration: createSignalTracker(settings),
    temperature: createSignalTracker(settings),
    current: rule.currentTag ? createSignalTracker(settings) : null,
  };
  const roles = new Map<string, Role>([[rule.vibrationTag, 'vibration'], [rule.temperatureTag, 'temperature']]);
  if (rule.currentTag) roles.set(rule.currentTag, 'current');
  const state = newAssetRunState();

  function signalInput(tagId: string, role: string, tracker: SignalTracker): SignalInput {
    const def = tagDefs().get(tagId);
    const limit = def?.alarms?.H ?? def?.alarms?.HH ?? null;
    if (limit === null && def && role !== 'motor current' && !warnedNoLimit.has(tagId)) {
      warnedNoLimit.add(tagId);
      log.warn({ tag: tagId }, 'maintenance rule tag has no H/HH alarm limit: it cannot be projected to one');
    }
    // Only vibration is projected to its limit; the others only need their level against their band.
    const snapshot = tracker.snapshot(role === 'vibration');
    return { tag: tagId, label: humanLabel(def, role), unit: def?.unit ?? '', limit, snapshot };
  }

  return {
    rule: BEARING_WEAR_RULE,
    asset: rule.asset,
    title: `Bearing wear suspected on ${rule.asset}`,
    fallback: false,
    addRunning(sample) {
      if (sample.tagId !== rule.runningTag) return false;
      applyRunning(state, sample);
      return true;
    },
    add(sample) {
      const role = roles.get(sample.tagId);
      if (!role) return false;
      if (sample.quality !== 'good' || typeof sample.value !== 'number' || !Number.isFinite(sample.value)) return true;
      if (acceptsAt(state, sample.ts, settings.settleMs)) trackers[role]?.add(sample.ts, sample.value);
      return true;
    },
    assess(now) {
      const fast = assessBearing(
        rule.asset,
        signalInput(rule.vibrationTag, 'vibration', trackers.vibration as SignalTracker),
        signalInput(rule.temperatureTag, 'bearing temperature', trackers.temperature as SignalTracker),
        rule.currentTag && trackers.current ? signalInput(rule.currentTag, 'motor current', trackers.current) : null,
        settings,
      );
      return fast.condition || !slow ? fast : slow(now);
    },
    heldPoints(out) {
      for (const [tag, role] of roles) {
        const t = trackers[role];
        if (t) out[tag] = Math.max(out[tag] ?? 0, t.heldPoints());
      }
    },
  };
}
