// Tag data shapes: samples, batches and a tag's definition with its alarm settings.

/** Quality of a sample as the operator sees it. `stale` means the source is disconnected: the value is the last known. */
export type Quality = 'good' | 'uncertain' | 'bad' | 'stale';

export type TagValue = number | boolean | string | null;

/** One sample of one tag. `ts` is the source timestamp in ms since the Unix epoch (UTC). */
export interface TagSample {
  tagId: string;
  ts: number;
  value: TagValue;
  quality: Quality;
}

/** Many samples moved together: every consumer of the data path takes batches, never single samples. */
export interface TagBatch {
  samples: TagSample[];
}

export type TagDataType = 'Double' | 'Float' | 'Int32' | 'UInt32' | 'Int16' | 'UInt16' | 'Boolean' | 'String';

export interface EuRange {
  low: number;
  high: number;
}

export interface AlarmLimits {
  HH?: number;
  H?: number;
  L?: number;
  LL?: number;
  /** Hysteresis in engineering units: an alarm returns to normal only once the value is this far inside the limit. */
  deadband: number;
  /** 1 (highest) … 4 (lowest), as ISA-18.2 priorities. */
  priority: number;
  /** Per-level settings (priority, delays, message) for the HH/H/L/LL limits above; the tag-level value applies otherwise. */
  levels?: { HH?: LimitLevelTuning; H?: LimitLevelTuning; L?: LimitLevelTuning; LL?: LimitLevelTuning };
  /** `DEV`: |value − setpoint| ≥ limit. */
  deviation?: DeviationAlarmConfig;
  /** `ROC`: change per minute over a window. */
  rateOfChange?: RateAlarmConfig;
  /** `DIG`: the tag equals a state, or a command tag and its feedback tag disagree. */
  digital?: DigitalAlarmConfig;
  /** `BAD`: the tag's quality is bad or stale (source lost) for longer than a delay. */
  badQuality?: QualityAlarmConfig;
  /** Suppressed by design while another tag equals a value (process alarms only, not `BAD`). */
  suppressWhen?: AlarmSuppression;
  /** Defaults for every alarm of the tag (seconds; the condition must hold / clear that long). */
  onDelaySec?: number;
  offDelaySec?: number;
  /** Message template with {label} {tag} {level} {value} {limit} {unit} {setpoint}. */
  message?: string;
  /** A returned alarm stays `latched` until an operator resets it. */
  latched?: boolean;
  /** OPC UA Part 9 confirm: after the acknowledge, the alarm waits for a confirm. */
  confirmRequired?: boolean;
  /** Longest timed shelve an operator may set (minutes). */
  maxShelveMinutes?: number;
}

/** Settings any single alarm can override (the tag-level value applies otherwise). */
export interface AlarmTuning {
  priority?: number;
  onDelaySec?: number;
  offDelaySec?: number;
  message?: string;
}

export interface LimitLevelTuning extends AlarmTuning {
  deadband?: number;
}

export interface DeviationAlarmConfig extends AlarmTuning {
  /** The setpoint tag the value is compared with. */
  setpointTag: string;
  /** Largest allowed |value − setpoint|, in engineering units. */
  limit: number;
  deadband?: number;
}

export interface RateAlarmConfig extends AlarmTuning {
  /** Engineering units per minute. */
  perMinute: number;
  /** The window the rate is measured over (seconds). */
  windowSec: number;
  direction: 'rising' | 'falling' | 'both';
  /** Hysteresis in units per minute. */
  deadband?: number;
}

export interface DigitalAlarmConfig extends AlarmTuning {
  /** State alarm: active while the tag equals this value. */
  alarmWhen?: boolean | number | string;
  /** Discrepancy alarm: active while this (command) tag and its feedback tag differ. */
  feedbackTag?: string;
  /** How long the state or discrepancy must hold (seconds). */
  delaySec: number;
}

export interface QualityAlarmConfig extends AlarmTuning {
  delaySec: number;
}

export interface AlarmSuppression {
  tag: string;
  equals: boolean | number | string;
}

/** A tag as configured and discovered. `id` is its path `site/area/asset/tag`, also its UNS topic suffix. */
export interface TagDto {
  id: string;
  site: string;
  area: string;
  asset: string;
  name: string;
  sourceId: string;
  nodeId: string;
  dataType: TagDataType;
  unit: string;
  euRange: EuRange | null;
  description: string;
  writable: boolean;
  group: string;
  alarms: AlarmLimits | null;
}
