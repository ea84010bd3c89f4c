// Run hours and starts of every asset with a `running` tag, persisted through the maintenance store (saved
// periodically and on stop, loaded at start) so the counts survive restarts.
import type { RunHoursDto, TagSample } from '../../contract/index.js';
import {
  advanceRunCounter,
  assessServiceInterval,
  newRunCounter,
  recordService,
  runHoursDto,
  stepRunCounter,
  type RunCounterState,
} from '../../domain/maintenance/run-counter.js';
import type { AssetConfig } from '../../domain/maintenance/rule-config.js';
import type { RuleAssessment } from '../../domain/maintenance/rules/rule-assessment.js';
import { runningValue } from './asset-state.js';
import type { MaintenanceStore } from './maintenance-store.js';

export interface RunHours {
  /** Hot path: a sample of a running tag. Returns true when it was one. */
  add(sample: TagSample): boolean;
  assess(asset: string, now: number): RuleAssessment | null;
  list(now: number): RunHoursDto[];
  recordService(asset: string): void;
  load(): Promise<void>;
  /** Saves when `everyMs` has passed since the last save (or always with `force`). */
  save(now: number, force?: boolean): Promise<void>;
}

export function createRunHours(assets: readonly AssetConfig[], store: MaintenanceStore, everyMs: number): RunHours {
  const configs = assets.filter((a): a is AssetConfig & { runningTag: string } => a.runningTag !== undefined);
  const counters = new Map<string, RunCounterState>(configs.map((a) => [a.asset, newRunCounter(a.asset, a.runningTag)]));
  const byTag = new Map(configs.map((a) => [a.runningTag, a.asset]));
  const limits = new Map(configs.map((a) => [a.asset, a]));
  let lastSave = Number.NEGATIVE_INFINITY;

  return {
    add(sample) {
      const asset = byTag.get(sample.tagId);
      if (asset === undefined) return false;
      const running = runningValue(sample);
      const c = counters.get(asset);
      if (running !== null && c) counters.set(asset, stepRunCounter(c, sample.ts, running));
      return true;
    },
    assess(asset, now) {
      const c = counters.get(asset);
      const l = limits.get(asset);
      return c && l ? assessServiceInterval(advanceRunCounter(c, now), l, now) : null;
    },
    list(now) {
      return [...counters.values()].flatMap((c) => {
        const l = limits.get(c.asset);
        return l ? [runHoursDto(advanceRunCounter(c, now), l, now)] : [];
      });
    },
    recordService(asset) {
      const c = counters.get(asset);
      if (c) counters.set(asset, recordService(c));
    },
    async load() {
      for (const saved of await store.loadRunCounters()) {
        const c = counters.get(saved.asset);
        if (!c || saved.runningTag !== c.runningTag) continue;
        // The running state is unknown until the tag reports again: time while PlantBridge was down is not counted.
        counters.set(saved.asset, { ...saved, running: null, lastTs: null, recentStarts: saved.recentStarts.slice(-1000) });
      }
    },
    async save(now, force = false) {
      if (!force && now - lastSave < everyMs) return;
      lastSave = now;
      await store.saveRunCounters([...counters.values()]);
    },
  };
}
