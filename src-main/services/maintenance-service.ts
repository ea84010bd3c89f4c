// Predictive-maintenance flags over the tag batch stream. The hot path only routes the watched samples into
// per-signal trackers and run-hour counters; the rules run at most every `evaluateEveryMs`, scheduled off the hot
// path. Rules: bearing wear (own fast trackers), the multi-signal rules of services/maintenance/channel-rules.ts,
// and service intervals from run hours and starts. Flags, their history and the counters are persisted.
import type { FlagDto, FlagHistoryEntry, RunHoursDto, TagBatch } from '../contract/index.js';
import type { BearingRuleConfig, BearingRuleSettings } from '../domain/maintenance/bearing-rule.js';
import {
  defaultAssetRules,
  defaultAssets,
  defaultLoadReferences,
  type AssetConfig,
  type AssetRuleConfig,
  type LoadReference,
} from '../domain/maintenance/rule-config.js';
import { quietAssessment } from '../domain/maintenance/rules/rule-assessment.js';
import { SERVICE_INTERVAL_RULE } from '../domain/maintenance/run-counter.js';
import type { SignalTrackerSettings } from '../domain/maintenance/signal-tracker.js';
import type { TagDef } from '../domain/tags.js';
import { newAssetRunState, applyRunning, type AssetRunState } from './maintenance/asset-state.js';
import { createBearingRuntime, type BearingRuntime } from './maintenance/bearing-runtime.js';
import { createChannelRules, type RuleRuntime } from './maintenance/channel-rules.js';
import { createFlagBook } from './maintenance/flag-book.js';
import { createMemoryMaintenanceStore, type FlagHistoryQuery, type MaintenanceStore } from './maintenance/maintenance-store.js';
import { settingsParts, type MaintenanceSettings } from './maintenance/maintenance-settings.js';
import { createRunHours } from './maintenance/run-hours.js';
import type { Clock, Disposable, HistorianStore, Log } from './ports.js';

export { defaultBearingRules, type BearingRuleConfig } from '../domain/maintenance/bearing-rule.js';
export { defaultAssetRules, defaultAssets, type AssetConfig, type AssetRuleConfig } from '../domain/maintenance/rule-config.js';
export { defaultMaintenanceSettings, type MaintenanceSettings } from './maintenance/maintenance-settings.js';
export { FlagActionError } from './maintenance/flag-book.js';
export type { MaintenanceStore, FlagHistoryQuery } from './maintenance/maintenance-store.js';

export type FlagChangeListener = (changed: FlagDto[]) => void;

export interface MaintenanceService {
  setTags(tags: TagDef[]): void;
  ingest(batch: TagBatch): void;
  /** Active flags first, then recently cleared ones, newest first. */
  list(): FlagDto[];
  onChange(listener: FlagChangeListener): Disposable;
  /** Loads saved flags and run-hour counters, so an active flag and the counts survive a restart. */
  start(): Promise<void>;
  /** Stops evaluating and waits for the last save. */
  stop(): Promise<void>;
  /** Points held per tracked tag (memory stays bounded whatever the run time). */
  heldPoints(): Record<string, number>;
  /** User actions; they throw FlagActionError (404 unknown flag, 409 not possible in its state). */
  acknowledge(id: string, user: string, comment: string): Promise<FlagDto>;
  setWorkOrder(id: string, workOrder: string, user: string): Promise<FlagDto>;
  clear(id: string, user: string, reason: string): Promise<FlagDto>;
  history(q: FlagHistoryQuery): Promise<FlagHistoryEntry[]>;
  runHours(): RunHoursDto[];
}

export interface MaintenanceServiceOptions {
  store: HistorianStore;
  clock: Clock;
  log: Log;
  /** Bearing-wear rules (none by default; the app passes `defaultBearingRules()`). */
  rules?: BearingRuleConfig[];
  /** Watched assets (running tags, service limits); defaults to the simulator's plant. */
  assets?: AssetConfig[];
  /** Multi-signal rules; defaults to the simulator's plant. */
  assetRules?: AssetRuleConfig[];
  /** Operating-point references the watched signals are compensated for; defaults to the simulator's plant. */
  loadReferences?: LoadReference[];
  /** Flag history and run-hour counters; in memory when absent. */
  maintenanceStore?: MaintenanceStore;
  settings?: Partial<MaintenanceSettings>;
  /** How evaluation is deferred off the ingest call; defaults to setImmediate. Tests may run it inline. */
  schedule?: (run: () => void) => void;
}

interface Slot {
  key: string;
  runtime: RuleRuntime;
}

export function createMaintenanceService(opts: MaintenanceServiceOptions): MaintenanceService {
  const { store, clock, log } = opts;
  const parts = settingsParts(opts.settings);
  const settings = parts.all;
  const schedule = opts.schedule ?? ((run: () => void) => void setImmediate(run));
  const mstore = opts.maintenanceStore ?? createMemoryMaintenanceStore();
  const assets = opts.assets ?? defaultAssets();
  let tagDefs = new Map<string, TagDef>();
  const assetStates = new Map<string, AssetRunState>();
  const assetState = (asset: string): AssetRunState => {
    let s = assetStates.get(asset);
    if (!s) assetStates.set(asset, (s = newAssetRunState()));
    return s;
  };
  const runningTags = new Map<string, string>();
  for (const a of assets) if (a.runningTag) runningTags.set(a.runningTag, a.asset);
  const warnedNoLimit = new Set<string>();
  const channelRules = createChannelRules(
    opts.assetRules ?? defaultAssetRules(),
    assetState,
    () => tagDefs,
    parts.channelRules,
    opts.loadReferences ?? defaultLoadReferences(),
  );
  const bearings: BearingRuntime[] = (opts.rules ?? []).map((r) =>
    createBearingRuntime(
      r,
      settings as SignalTrackerSettings & BearingRuleSettings & { settleMs: number },
      () => tagDefs,
      log,
      warnedNoLimit,
      settings.slowBearing ? channelRules.slowBearing(r.asset, r.vibrationTag, r.temperatureTag) : null,
    ),
  );
  const runHours = createRunHours(assets, mstore, settings.runHoursSaveEveryMs);
  const book = createFlagBook({ store, history: mstore, log, clearAfterMs: settings.clearAfterMs, keepCleared: settings.keepClearedFlags });
  const serviceRuntimes: RuleRuntime[] = assets
    .filter((a) => a.runningTag)
    .map((a) => ({
      rule: SERVICE_INTERVAL_RULE,
      asset: a.asset,
      title: `Service due on ${a.asset}`,
      fallback: false,
      assess: (now: number) => runHours.assess(a.asset, now) ?? quietAssessment(false, []),
    }));
  const slots: Slot[] = [];
  const keyCount = new Map<string, number>();
  for (const runtime of [...bearings, ...channelRules.runtimes, ...serviceRuntimes]) {
    const base = `${runtime.rule}:${runtime.asset}`;
    const n = keyCount.get(base) ?? 0;
    keyCount.set(base, n + 1);
    const key = n === 0 ? base : `${base}-${n + 1}`;
    slots.push({ key, runtime });
    book.register(key, { rule: runtime.rule, asset: runtime.asset, title: runtime.title, key });
  }
  const listeners = new Set<FlagChangeListener>();
  let lastEvaluation = Number.NEGATIVE_INFINITY;
  let scheduled = false;
  let stopped = false;
  let saving: Promise<void> = Promise.resolve();

  function emit(changed: FlagDto[]): void {
    for (const listener of listeners) {
      try {
        listener(changed);
      } catch (err) {
        log.error({ err }, 'flag change listener failed');
      }
    }
  }

  function ingest(batch: TagBatch): void {
    if (stopped) return;
    let touched = false;
    // Running state first, so a stop reported in the same batch already excludes the samples after it.
    for (const s of batch.samples) {
      for (const b of bearings) if (b.addRunning(s)) touched = true;
      const asset = runningTags.get(s.tagId);
      if (asset !== undefined) {
        applyRunning(assetState(asset), s);
        runHours.add(s);
        touched = true;
      }
    }
    for (const s of batch.samples) {
      for (const b of bearings) if (b.add(s)) touched = true;
      if (channelRules.add(s)) touched = true;
    }
    if (touched && !scheduled && clock.now() - lastEvaluation >= settings.evaluateEveryMs) {
      scheduled = true;
      schedule(evaluate);
    }
  }

  function evaluate(): void {
    scheduled = false;
    if (stopped) return;
    const now = clock.now();
    lastEvaluation = now;
    const changed: FlagDto[] = [];
    for (const { key, runtime } of slots) {
      // A catch-all rule stays silent (and clears in time) while a specific rule flags the same asset.
      const assessment = runtime.fallback && book.activeOn(runtime.asset, key) ? quietAssessment(true, []) : runtime.assess(now);
      const flag = book.step(key, assessment, now);
      if (flag) changed.push(flag);
    }
    saving = saving.then(() => runHours.save(now)).catch((err: unknown) => log.error({ err }, 'saving run hours failed'));
    if (changed.length === 0) return;
    book.save();
    emit(changed);
  }

  async function userAction(action: () => FlagDto): Promise<FlagDto> {
    const flag = action();
    emit([flag]);
    await book.idle();
    return flag;
  }

  return {
    setTags(tags) {
      tagDefs = new Map(tags.map((t) => [t.id, t]));
    },
    ingest,
    list: () => book.list(),
    onChange(listener) {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    async start() {
      stopped = false;
      const saved = await store.loadFlags();
      book.restore(saved);
      await runHours.load();
      log.info({ rules: slots.length, restored: saved.length }, 'maintenance analytics started');
    },
    async stop() {
      stopped = true;
      await saving;
      await runHours.save(clock.now(), true).catch((err: unknown) => log.error({ err }, 'saving run hours failed'));
      await book.idle();
    },
    heldPoints() {
      const out: Record<string, number> = {};
      for (const b of bearings) b.heldPoints(out);
      channelRules.heldPoints(out);
      return out;
    },
    acknowledge: (id, user, comment) => userAction(() => book.acknowledge(id, user, comment, clock.now())),
    setWorkOrder: (id, workOrder, user) => userAction(() => book.setWorkOrder(id, workOrder, user, clock.now())),
    clear: (id, user, reason) =>
      userAction(() => {
        const { flag } = book.clear(id, user, reason, clock.now());
        // Clearing a service-interval flag records that the service was done.
        if (flag.rule === SERVICE_INTERVAL_RULE) runHours.recordService(flag.asset);
        return flag;
      }),
    history: async (q) => {
      await book.idle();
      return mstore.queryFlagHistory(q);
    },
    runHours: () => runHours.list(clock.now()),
  };
}
