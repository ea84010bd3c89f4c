// The project file's `maintenance` section (strict zod; defaults watch the built-in simulator's plant) and how it
// becomes the maintenance service's options. Docs: docs/configuration.md, "Maintenance analytics".
import { z } from 'zod';
import { defaultBearingRules, type BearingRuleConfig } from '../domain/maintenance/bearing-rule.js';
import {
  defaultAssetRules,
  defaultAssets,
  defaultLoadReferences,
  defaultServiceLimits,
  type AssetConfig,
  type AssetRuleConfig,
  type LoadReference,
} from '../domain/maintenance/rule-config.js';
import { isValidTagLevel } from '../domain/tags.js';
import type { MaintenanceSettings } from '../services/maintenance/maintenance-settings.js';

const tagId = z.string().refine((s) => {
  const levels = s.split('/');
  return levels.length === 4 && levels.every(isValidTagLevel);
}, 'a tag id of four levels site/area/asset/tag');
const assetName = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'an asset name such as pump-101');

const asset = z.strictObject({
  asset: assetName,
  kind: z.enum(['pump', 'compressor', 'conveyor', 'motor', 'tank', 'other']).default('other'),
  /** Boolean tag: stopped machines are not judged; drives run hours and start counts. */
  runningTag: tagId.optional(),
  serviceIntervalHours: z.number().positive().max(1_000_000).default(defaultServiceLimits.serviceIntervalHours),
  maxStartsPerHour: z.number().int().min(1).max(10_000).default(defaultServiceLimits.maxStartsPerHour),
  maxStartsPerDay: z.number().int().min(1).max(100_000).default(defaultServiceLimits.maxStartsPerDay),
});

const rule = z.discriminatedUnion('rule', [
  z.strictObject({
    rule: z.literal('bearing-wear'),
    asset: assetName,
    tags: z.strictObject({ vibration: tagId, temperature: tagId, current: tagId.optional() }),
  }),
  z.strictObject({
    rule: z.literal('cavitation'),
    asset: assetName,
    tags: z.strictObject({ flow: tagId, pressure: tagId, vibration: tagId.optional(), current: tagId.optional() }),
  }),
  z.strictObject({
    rule: z.literal('fouling'),
    asset: assetName,
    tags: z.strictObject({ temperature: tagId, current: tagId, pressure: tagId.optional() }),
  }),
  z.strictObject({ rule: z.literal('sensor-drift'), asset: assetName, tag: tagId, related: z.array(tagId).min(1).max(20) }),
  z.strictObject({ rule: z.literal('stuck-sensor'), asset: assetName, tags: z.array(tagId).min(1).max(200) }),
  z.strictObject({ rule: z.literal('drift'), asset: assetName, tag: tagId }),
]);

export const maintenanceSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    /** Omitted: the simulator's assets. */
    assets: z.array(asset).optional(),
    /** Omitted: the simulator's pairs. Each `tag` is judged at the usual operating point of its `reference`. */
    loadReferences: z.array(z.strictObject({ tag: tagId, reference: tagId })).max(1000).optional(),
    /** Omitted: the simulator's rules (bearing wear, cavitation, fouling, sensor drift, stuck sensors, drift). */
    rules: z.array(rule).optional(),
    evaluateEverySeconds: z.number().min(0.5).max(3600).default(5),
    clearAfterMinutes: z.number().min(0.5).max(10_080).default(10),
    stuckAfterMinutes: z.number().min(1).max(10_080).default(15),
    /** How far (fraction of the way from normal to the alarm limit) a signal must move before a rule speaks. */
    minShiftFraction: z.number().min(0.01).max(1).default(0.15),
    driftMinShiftFraction: z.number().min(0.01).max(1).default(0.5),
    /** Recent noise over learned noise that counts as "noisier" (cavitation). */
    noiseRatio: z.number().min(1.05).max(100).default(1.8),
    horizonDays: z.number().min(0.01).max(365).default(14),
  })
  .superRefine((m, ctx) => {
    const names = new Set((m.assets ?? []).map((a) => a.asset));
    if (!m.assets) return;
    (m.rules ?? []).forEach((r, i) => {
      if (!names.has(r.asset)) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'asset'], message: `asset ${r.asset} is not listed in maintenance.assets` });
      }
    });
  })
  .prefault({});

export type MaintenanceConfig = z.output<typeof maintenanceSchema>;

export interface MaintenanceOptions {
  rules: BearingRuleConfig[];
  assets: AssetConfig[];
  assetRules: AssetRuleConfig[];
  loadReferences: LoadReference[];
  settings: Partial<MaintenanceSettings>;
}

export function maintenanceOptions(m: MaintenanceConfig): MaintenanceOptions {
  const assets = m.assets ?? defaultAssets();
  const runningTag = (name: string): string | undefined => assets.find((a) => a.asset === name)?.runningTag;
  const rules: BearingRuleConfig[] = [];
  const assetRules: AssetRuleConfig[] = [];
  if (!m.enabled) return { rules, assets: [], assetRules, loadReferences: [], settings: {} };
  if (m.rules === undefined) {
    rules.push(...defaultBearingRules());
    assetRules.push(...defaultAssetRules());
  } else {
    for (const r of m.rules) {
      if (r.rule === 'bearing-wear') {
        rules.push({
          asset: r.asset,
          vibrationTag: r.tags.vibration,
          temperatureTag: r.tags.temperature,
          currentTag: r.tags.current,
          runningTag: runningTag(r.asset),
        });
      } else assetRules.push(r);
    }
  }
  return {
    rules,
    assets,
    assetRules,
    loadReferences: m.loadReferences ?? (m.rules === undefined ? defaultLoadReferences() : []),
    settings: {
      evaluateEveryMs: m.evaluateEverySeconds * 1000,
      clearAfterMs: m.clearAfterMinutes * 60_000,
      stuckAfterMs: m.stuckAfterMinutes * 60_000,
      minShiftFraction: m.minShiftFraction,
      driftMinShiftFraction: m.driftMinShiftFraction,
      noiseRatio: m.noiseRatio,
      ruleHorizonMs: m.horizonDays * 24 * 3_600_000,
    },
  };
}
