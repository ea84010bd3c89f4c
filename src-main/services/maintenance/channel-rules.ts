// The multi-signal rules over shared per-tag channel trackers: routes each watched tag's good samples (of a running,
// settled asset) into its tracker on the hot path, and assesses every configured rule when asked.
import type { TagSample } from '../../contract/index.js';
import { assessCavitation, CAVITATION_RULE } from '../../domain/maintenance/rules/cavitation-rule.js';
import { type ChannelInput } from '../../domain/maintenance/rules/channel-finding.js';
import { assessDrift, DRIFT_RULE } from '../../domain/maintenance/rules/drift-rule.js';
import { assessFouling, FOULING_RULE } from '../../domain/maintenance/rules/fouling-rule.js';
import type { RuleAssessment, RuleThresholds } from '../../domain/maintenance/rules/rule-assessment.js';
import { assessSlowBearing } from '../../domain/maintenance/rules/slow-bearing-rule.js';
import { assessSensorDrift, SENSOR_DRIFT_RULE } from '../../domain/maintenance/rules/sensor-drift-rule.js';
import { assessStuck, STUCK_SENSOR_RULE, type StuckInput, type StuckSettings } from '../../domain/maintenance/rules/stuck-sensor-rule.js';
import { createChannelTracker, type ChannelSettings, type ChannelTracker } from '../../domain/maintenance/channel-tracker.js';
import { ReferenceLags } from '../../domain/maintenance/load-compensation.js';
import type { AssetRuleConfig, LoadReference } from '../../domain/maintenance/rule-config.js';
import type { TagDef } from '../../domain/tags.js';
import { acceptsAt, type AssetRunState } from './asset-state.js';

export interface RuleRuntime {
  rule: string;
  asset: string;
  title: string;
  /** A catch-all: silent while another rule flags the same asset. */
  fallback: boolean;
  assess(now: number): RuleAssessment;
}

export interface ChannelRuleSettings {
  channel: ChannelSettings;
  thresholds: RuleThresholds;
  stuck: StuckSettings;
  driftMinShiftFraction: number;
  settleMs: number;
}

interface Channel {
  tracker: ChannelTracker;
  asset: AssetRunState;
  /** Last sample that was not of good quality: a frozen value after it is a quality problem, not a stuck sensor. */
  lastBadTs: number;
}

export interface ChannelRules {
  runtimes: RuleRuntime[];
  /** Hot path: one sample of any tag (cheap map lookup for tags no rule watches). */
  add(sample: TagSample): boolean;
  heldPoints(out: Record<string, number>): void;
  /** The long-memory bearing-wear assessment of a pump (the bearing rule's slow path). */
  slowBearing(asset: string, vibrationTag: string, temperatureTag: string): (now: number) => RuleAssessment;
}

const TITLES: Record<AssetRuleConfig['rule'], string> = {
  cavitation: 'Cavitation suspected on',
  fouling: 'Fouling suspected on',
  'sensor-drift': 'Sensor drift suspected on',
  'stuck-sensor': 'Stuck sensor on',
  drift: 'Signal drifting on',
};

function label(def: TagDef | undefined, tag: string): string {
  const words = (def?.name ?? tag.split('/').at(-1) ?? tag).replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function createChannelRules(
  configs: readonly AssetRuleConfig[],
  assetState: (asset: string) => AssetRunState,
  tagDefs: () => ReadonlyMap<string, TagDef>,
  s: ChannelRuleSettings,
  loadReferences: readonly LoadReference[] = [],
): ChannelRules {
  const channels = new Map<string, Channel>();
  // Reference tags (speed, load) followed through their candidate lags, and which tag each one compensates.
  const references = new Map<string, ReferenceLags>();
  const referenceOf = new Map<string, ReferenceLags>();
  for (const l of loadReferences) {
    let r = references.get(l.reference);
    if (!r) references.set(l.reference, (r = new ReferenceLags()));
    referenceOf.set(l.tag, r);
  }
  const channel = (tag: string, asset: string): Channel => {
    let c = channels.get(tag);
    if (!c) {
      c = { tracker: createChannelTracker(s.channel, referenceOf.get(tag) ?? null), asset: assetState(asset), lastBadTs: Number.NEGATIVE_INFINITY };
      channels.set(tag, c);
    }
    return c;
  };
  const input = (tag: string, asset: string): ChannelInput => {
    const c = channel(tag, asset);
    const def = tagDefs().get(tag);
    return {
      tag,
      label: label(def, tag),
      unit: def?.unit ?? '',
      high: def?.alarms?.H ?? def?.alarms?.HH ?? null,
      low: def?.alarms?.L ?? def?.alarms?.LL ?? null,
      tracker: c.tracker,
    };
  };
  const runtimes: RuleRuntime[] = configs.map((cfg) => {
    const a = cfg.asset;
    const base = { rule: cfg.rule, asset: a, title: `${TITLES[cfg.rule]} ${a}`, fallback: cfg.rule === 'drift' };
    switch (cfg.rule) {
      case 'cavitation': {
        const t = cfg.tags;
        for (const tag of [t.flow, t.pressure, t.vibration, t.current]) if (tag) channel(tag, a);
        return {
          ...base,
          rule: CAVITATION_RULE,
          assess: (now) => assessCavitation(a, {
            flow: input(t.flow, a),
            pressure: input(t.pressure, a),
            vibration: t.vibration ? input(t.vibration, a) : null,
            current: t.current ? input(t.current, a) : null,
          }, s.thresholds, now),
        };
      }
      case 'fouling': {
        const t = cfg.tags;
        for (const tag of [t.temperature, t.current, t.pressure]) if (tag) channel(tag, a);
        return {
          ...base,
          rule: FOULING_RULE,
          assess: (now) => assessFouling(a, {
            temperature: input(t.temperature, a),
            current: input(t.current, a),
            pressure: t.pressure ? input(t.pressure, a) : null,
          }, s.thresholds, now),
        };
      }
      case 'sensor-drift':
        for (const tag of [cfg.tag, ...cfg.related]) channel(tag, a);
        return {
          ...base,
          rule: SENSOR_DRIFT_RULE,
          title: `${TITLES['sensor-drift']} ${a} (${label(undefined, cfg.tag).toLowerCase()})`,
          assess: (now) => assessSensorDrift(a, input(cfg.tag, a), cfg.related.map((r) => input(r, a)), s.thresholds, now),
        };
      case 'stuck-sensor':
        for (const tag of cfg.tags) channel(tag, a);
        return {
          ...base,
          rule: STUCK_SENSOR_RULE,
          assess: (now) => {
            const state = assetState(a);
            const inputs: StuckInput[] = cfg.tags.map((tag) => {
              const c = channel(tag, a);
              const def = tagDefs().get(tag);
              const snap = c.tracker.snapshot();
              // A bad-quality sample since the value froze means the transmitter reports trouble itself.
              const quality = c.lastBadTs >= (snap.lastChangeTs ?? Number.NEGATIVE_INFINITY);
              return {
                tag,
                label: label(def, tag),
                unit: def?.unit ?? '',
                euRange: def?.euRange ?? null,
                snapshot: quality ? { ...snap, liveFraction: 0 } : snap,
              };
            });
            return assessStuck(a, inputs, state.running, state.since + s.settleMs, now, s.stuck);
          },
        };
      case 'drift':
        channel(cfg.tag, a);
        return {
          ...base,
          rule: DRIFT_RULE,
          title: `${TITLES.drift} ${a} (${label(undefined, cfg.tag).toLowerCase()})`,
          assess: () => assessDrift(a, input(cfg.tag, a), s.thresholds, s.driftMinShiftFraction),
        };
    }
  });

  return {
    runtimes,
    add(sample) {
      const r = references.get(sample.tagId);
      if (r && sample.quality === 'good' && typeof sample.value === 'number' && Number.isFinite(sample.value)) r.update(sample.ts, sample.value);
      const c = channels.get(sample.tagId);
      if (!c) return r !== undefined;
      if (sample.quality !== 'good' || typeof sample.value !== 'number' || !Number.isFinite(sample.value)) {
        c.lastBadTs = Math.max(c.lastBadTs, sample.ts);
        return true;
      }
      if (acceptsAt(c.asset, sample.ts, s.settleMs)) c.tracker.add(sample.ts, sample.value);
      return true;
    },
    slowBearing(asset, vibrationTag, temperatureTag) {
      channel(vibrationTag, asset);
      channel(temperatureTag, asset);
      return (now) => assessSlowBearing(asset, input(vibrationTag, asset), input(temperatureTag, asset), s.thresholds, now);
    },
    heldPoints(out) {
      for (const [tag, c] of channels) out[tag] = Math.max(out[tag] ?? 0, c.tracker.heldPoints());
    },
  };
}
