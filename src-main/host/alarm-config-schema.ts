// The `tagSettings.<tag>.alarms` section of the project file: the plain numeric form (`{HH: 9, H: 8, deadband,
// priority}`) still works; each level may also be an object with its own priority, delays and message, and the
// richer kinds (deviation, rate of change, digital, bad quality) and options sit beside them. Normalized to the
// contract's AlarmLimits (levels as numbers, their settings under `levels`).
import { z } from 'zod';
import type { AlarmLimits, LimitLevelTuning } from '../contract/index.js';

const DAY_SEC = 86_400;

const tuning = {
  priority: z.number().int().min(1).max(4).optional(),
  onDelaySec: z.number().min(0).max(DAY_SEC).optional(),
  offDelaySec: z.number().min(0).max(DAY_SEC).optional(),
  message: z.string().min(1).max(300).optional(),
};

const levelObject = z.strictObject({ limit: z.number(), deadband: z.number().nonnegative().optional(), ...tuning });
const level = z.union([z.number(), levelObject], {
  error: 'a number, or an object {limit, priority?, deadband?, onDelaySec?, offDelaySec?, message?}',
});
type LevelInput = z.output<typeof level>;

const stateValue = z.union([z.boolean(), z.number(), z.string().max(200)], { error: 'a boolean, a number or a string' });

/** Built with the project's tag id rule so references to other tags are checked like tag keys. */
export function alarmSettingsSchema(tagId: z.ZodType<string>) {
  return z
    .strictObject({
      HH: level.optional(),
      H: level.optional(),
      L: level.optional(),
      LL: level.optional(),
      deadband: z.number().nonnegative().default(0),
      priority: z.number().int().min(1).max(4).default(3),
      onDelaySec: tuning.onDelaySec,
      offDelaySec: tuning.offDelaySec,
      message: tuning.message,
      deviation: z
        .strictObject({ setpointTag: tagId, limit: z.number().positive(), deadband: z.number().nonnegative().optional(), ...tuning })
        .optional(),
      rateOfChange: z
        .strictObject({
          perMinute: z.number().positive(),
          windowSec: z.number().min(1).max(DAY_SEC).default(60),
          direction: z.enum(['rising', 'falling', 'both']).default('both'),
          deadband: z.number().nonnegative().optional(),
          ...tuning,
        })
        .optional(),
      digital: z
        .strictObject({ alarmWhen: stateValue.optional(), feedbackTag: tagId.optional(), delaySec: z.number().min(0).max(DAY_SEC).default(0), ...tuning })
        .refine((d) => (d.alarmWhen === undefined) !== (d.feedbackTag === undefined), {
          message: 'either alarmWhen (a state alarm) or feedbackTag (a discrepancy alarm), not both and not neither',
          path: ['alarmWhen'],
        })
        .optional(),
      badQuality: z.strictObject({ delaySec: z.number().min(0).max(DAY_SEC).default(10), ...tuning }).optional(),
      suppressWhen: z.strictObject({ tag: tagId, equals: stateValue }).optional(),
      latched: z.boolean().optional(),
      confirmRequired: z.boolean().optional(),
      maxShelveMinutes: z.number().min(1).max(7 * 24 * 60).optional(),
    })
    .superRefine((a, ctx) => {
      const HH = limitOf(a.HH);
      const H = limitOf(a.H);
      const L = limitOf(a.L);
      const LL = limitOf(a.LL);
      if (HH !== undefined && H !== undefined && HH < H) ctx.addIssue({ code: 'custom', message: 'HH must be ≥ H', path: ['HH'] });
      if (LL !== undefined && L !== undefined && LL > L) ctx.addIssue({ code: 'custom', message: 'LL must be ≤ L', path: ['LL'] });
      if (H !== undefined && L !== undefined && H <= L) ctx.addIssue({ code: 'custom', message: 'H must be > L', path: ['H'] });
    })
    .transform((a): AlarmLimits => {
      const { HH, H, L, LL, ...rest } = a;
      const out: AlarmLimits = { ...rest };
      const levels: NonNullable<AlarmLimits['levels']> = {};
      for (const [name, value] of [['HH', HH], ['H', H], ['L', L], ['LL', LL]] as const) {
        if (value === undefined) continue;
        out[name] = limitOf(value);
        if (typeof value === 'object') {
          const { limit: _limit, ...levelTuning } = value;
          if (Object.keys(levelTuning).length > 0) levels[name] = levelTuning satisfies LimitLevelTuning;
        }
      }
      if (Object.keys(levels).length > 0) out.levels = levels;
      return out;
    });
}

function limitOf(v: LevelInput | undefined): number | undefined {
  return typeof v === 'object' ? v.limit : v;
}

/** Whole-plant alarm settings: PlantBridge's own "disk nearly full" condition. */
export const systemAlarmsSchema = z
  .strictObject({
    /** Alarm when the data directory's file system has less free space than this percentage… */
    diskMinFreePercent: z.number().min(0).max(99).default(5),
    /** …or less than this many megabytes, whichever is reached first. */
    diskMinFreeMb: z.number().min(0).default(1024),
    diskCheckSeconds: z.number().int().min(5).max(3600).default(60),
  })
  .prefault({});
