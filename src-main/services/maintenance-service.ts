// Predictive-maintenance flags over the tag batch stream. The hot path only routes the rule's samples into
// per-signal bucket averagers; the statistics run at most every `evaluateEveryMs`, scheduled off the hot path.
import type { FlagDto, TagBatch, TagSample } from '../contract/index.js';
import {
  assessBearing,
  BEARING_WEAR_RULE,
  type BearingRuleConfig,
  type BearingRuleSettings,
  type SignalInput,
} from '../domain/maintenance/bearing-rule.js';
import { stepFlag, type FlagSlot } from '../domain/maintenance/flag-lifecycle.js';
import { createSignalTracker, type SignalTracker, type SignalTrackerSettings } from '../domain/maintenance/signal-tracker.js';
import type { TagDef } from '../domain/tags.js';
import type { Clock, Disposable, HistorianStore, Log } from './ports.js';

export { defaultBearingRules, type BearingRuleConfig } from '../domain/maintenance/bearing-rule.js';

export interface MaintenanceSettings extends SignalTrackerSettings, BearingRuleSettings {
  /** The statistics run at most this often (clock time). */
  evaluateEveryMs: number;
  /** After the asset starts, samples are ignored for this long (start-up transients). */
  settleMs: number;
  clearAfterMs: number;
  /** Cleared flags kept in memory (and re-saved) for the UI's recent history. */
  keepClearedFlags: number;
}

export const defaultMaintenanceSettings: MaintenanceSettings = {
  bucketMs: 15_000,
  windowPoints: 120,
  warmupPoints: 40,
  baselineTauMs: 2 * 3_600_000,
  clipSigmas: 3,
  cusumK: 0.5,
  cusumH: 8,
  cusumCap: 40,
  minTrendPoints: 40,
  horizonMs: 24 * 3_600_000,
  criticalMs: 3_600_000,
  minRiseFraction: 0.1,
  bandSigmas: 3,
  evaluateEveryMs: 5_000,
  settleMs: 120_000,
  clearAfterMs: 10 * 60_000,
  keepClearedFlags: 50,
};

export type FlagChangeListener = (changed: FlagDto[]) => void;

export interface MaintenanceService {
  setTags(tags: TagDef[]): void;
  ingest(batch: TagBatch): void;
  /** Active flags first, then recently cleared ones, newest first. */
  list(): FlagDto[];
  onChange(listener: FlagChangeListener): Disposable;
  /** Loads saved flags, so an active flag survives a restart. */
  start(): Promise<void>;
  /** Stops evaluating and waits for the last save. */
  stop(): Promise<void>;
  /** Points held per tracked tag (memory stays bounded whatever the run time). */
  heldPoints(): Record<string, number>;
}

export interface MaintenanceServiceOptions {
  store: HistorianStore;
  clock: Clock;
  log: Log;
  rules?: BearingRuleConfig[];
  settings?: Partial<MaintenanceSettings>;
  /** How evaluation is deferred off the ingest call; defaults to setImmediate. Tests may run it inline. */
  schedule?: (run: () => void) => void;
}

type Role = 'vibration' | 'temperature' | 'current' | 'running';

interface RuleRuntime {
  rule: BearingRuleConfig;
  trackers: { vibration: SignalTracker; temperature: SignalTracker; current: SignalTracker | null };
  running: boolean;
  runningSince: number;
  slot: FlagSlot;
}

function humanLabel(tag: TagDef | undefined, fallback: string): string {
  const words = (tag?.name ?? fallback).replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function highLimit(tag: TagDef | undefined): number | null {
  return tag?.alarms?.H ?? tag?.alarms?.HH ?? null;
}

function runningValue(sample: TagSample): boolean | null {
  if (sample.quality !== 'good') return null;
  if (typeof sample.value === 'boolean') return sample.value;
  if (typeof sample.value === 'number') return sample.value !== 0;
  return null;
}

export function createMaintenanceService(opts: MaintenanceServiceOptions): MaintenanceService {
  const { store, clock, log } = opts;
  const settings: MaintenanceSettings = { ...defaultMaintenanceSettings, ...opts.settings };
  const schedule = opts.schedule ?? ((run: () => void) => void setImmediate(run));
  const rules = opts.rules ?? [];
  const runtimes: RuleRuntime[] = rules.map((rule) => ({
    rule,
    trackers: {
      vibration: createSignalTracker(settings),
      temperature: createSignalTracker(settings),
      current: rule.currentTag ? createSignalTracker(settings) : null,
    },
    running: true,
    runningSince: Number.NEGATIVE_INFINITY,
    slot: { flag: null, normalSince: null },
  }));
  const routes = new Map<string, { runtime: RuleRuntime; role: Role }[]>();
  const route = (tag: string | undefined, runtime: RuleRuntime, role: Role): void => {
    if (!tag) return;
    const list = routes.get(tag) ?? [];
    list.push({ runtime, role });
    routes.set(tag, list);
  };
  for (const rt of runtimes) {
    route(rt.rule.vibrationTag, rt, 'vibration');
    route(rt.rule.temperatureTag, rt, 'temperature');
    route(rt.rule.currentTag, rt, 'current');
    route(rt.rule.runningTag, rt, 'running');
  }
  let tagDefs = new Map<string, TagDef>();
  let cleared: FlagDto[] = [];
  const listeners = new Set<FlagChangeListener>();
  let lastEvaluation = Number.NEGATIVE_INFINITY;
  let scheduled = false;
  let stopped = false;
  let saveChain: Promise<void> = Promise.resolve();
  const warnedNoLimit = new Set<string>();

  function acceptsAt(rt: RuleRuntime, ts: number): boolean {
    return rt.running ? ts >= rt.runningSince + settings.settleMs : ts < rt.runningSince;
  }

  function ingest(batch: TagBatch): void {
    if (stopped) return;
    let touched = false;
    // Running state first, so a stop reported in the same batch already excludes the samples after it.
    for (const s of batch.samples) {
      const targets = routes.get(s.tagId);
      if (!targets) continue;
      touched = true;
      for (const { runtime, role } of targets) {
        if (role !== 'running') continue;
        const running = runningValue(s);
        if (running !== null && running !== runtime.running) {
          runtime.running = running;
          runtime.runningSince = s.ts;
        }
      }
    }
    if (!touched) return;
    for (const s of batch.samples) {
      const targets = routes.get(s.tagId);
      if (!targets || s.quality !== 'good' || typeof s.value !== 'number' || !Number.isFinite(s.value)) continue;
      for (const { runtime, role } of targets) {
        if (role === 'running' || !acceptsAt(runtime, s.ts)) continue;
        runtime.trackers[role]?.add(s.ts, s.value);
      }
    }
    if (!scheduled && clock.now() - lastEvaluation >= settings.evaluateEveryMs) {
      scheduled = true;
      schedule(evaluate);
    }
  }

  function signalInput(tagId: string, role: string, tracker: SignalTracker): SignalInput {
    const def = tagDefs.get(tagId);
    const limit = highLimit(def);
    if (limit === null && def && role !== 'current' && !warnedNoLimit.has(tagId)) {
      warnedNoLimit.add(tagId);
      log.warn({ tag: tagId }, 'maintenance rule tag has no H/HH alarm limit: it cannot be projected to one');
    }
    // Only vibration is projected to its limit; the others only need their level against their band.
    const snapshot = tracker.snapshot(role === 'vibration');
    return { tag: tagId, label: humanLabel(def, role), unit: def?.unit ?? '', limit, snapshot };
  }

  function evaluate(): void {
    scheduled = false;
    if (stopped) return;
    const now = clock.now();
    lastEvaluation = now;
    const changed: FlagDto[] = [];
    for (const rt of runtimes) {
      const { rule, trackers } = rt;
      const assessment = assessBearing(
        rule.asset,
        signalInput(rule.vibrationTag, 'vibration', trackers.vibration),
        signalInput(rule.temperatureTag, 'bearing temperature', trackers.temperature),
        rule.currentTag && trackers.current ? signalInput(rule.currentTag, 'motor current', trackers.current) : null,
        settings,
      );
      const identity = { rule: BEARING_WEAR_RULE, asset: rule.asset, title: `Bearing wear suspected on ${rule.asset}` };
      const step = stepFlag(rt.slot, assessment, identity, now, settings.clearAfterMs);
      rt.slot = step.slot;
      if (!step.changed) continue;
      changed.push(step.changed);
      if (step.changed.state === 'cleared') cleared = [step.changed, ...cleared].slice(0, settings.keepClearedFlags);
    }
    if (changed.length === 0) return;
    save();
    for (const listener of listeners) {
      try {
        listener(changed);
      } catch (err) {
        log.error({ err }, 'flag change listener failed');
      }
    }
  }

  function list(): FlagDto[] {
    const active = runtimes.map((rt) => rt.slot.flag).filter((f): f is FlagDto => f !== null);
    return [...active.sort((a, b) => b.startedAt - a.startedAt), ...cleared];
  }

  // Saves every flag held (active and recent cleared): correct whether the store upserts or replaces.
  function save(): void {
    const flags = list();
    saveChain = saveChain
      .then(() => store.saveFlags(flags))
      .catch((err: unknown) => log.error({ err }, 'saving maintenance flags failed'));
  }

  async function start(): Promise<void> {
    stopped = false;
    const saved = await store.loadFlags();
    for (const flag of saved) {
      const rt = runtimes.find((r) => r.rule.asset === flag.asset && flag.rule === BEARING_WEAR_RULE);
      if (flag.state === 'active' && rt && !rt.slot.flag) rt.slot = { flag, normalSince: null };
      else if (flag.state === 'cleared') cleared.push(flag);
    }
    cleared = cleared.sort((a, b) => b.updatedAt - a.updatedAt).slice(0, settings.keepClearedFlags);
    log.info({ rules: runtimes.length, restored: saved.length }, 'maintenance analytics started');
  }

  async function stop(): Promise<void> {
    stopped = true;
    await saveChain;
  }

  return {
    setTags(tags) {
      tagDefs = new Map(tags.map((t) => [t.id, t]));
    },
    ingest,
    list,
    onChange(listener) {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    start,
    stop,
    heldPoints() {
      const out: Record<string, number> = {};
      for (const rt of runtimes) {
        out[rt.rule.vibrationTag] = rt.trackers.vibration.heldPoints();
        out[rt.rule.temperatureTag] = rt.trackers.temperature.heldPoints();
        if (rt.rule.currentTag && rt.trackers.current) out[rt.rule.currentTag] = rt.trackers.current.heldPoints();
      }
      return out;
    },
  };
}
