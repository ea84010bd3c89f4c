// Predictive-maintenance flags, their history, and run hours of motor-driven assets.

export type FlagSeverity = 'advisory' | 'warning' | 'critical';

/** Evidence for a flag: enough to redraw the "why" chart without another query. */
export interface FlagEvidence {
  tag: string;
  unit: string;
  baseline: number;
  bandLow: number;
  bandHigh: number;
  current: number;
  slopePerHour: number;
  limit: number;
  changePointTs: number | null;
  /** Which way the limit lies: `high` (default when absent), `low`, or `none` (no limit: `limit` is a reference). */
  limitKind?: 'high' | 'low' | 'none';
}

export interface FlagDto {
  id: string;
  asset: string;
  rule: string;
  title: string;
  severity: FlagSeverity;
  state: 'active' | 'cleared';
  tags: string[];
  startedAt: number;
  updatedAt: number;
  /** Estimated time the limit is reached (ms epoch), with an uncertainty range; null when not trending to it. */
  limitEta: number | null;
  limitEtaRange: [number, number] | null;
  explanation: string;
  evidence: FlagEvidence[];
  /** Acknowledged by a user (the flag stays active until its condition is gone or it is cleared). */
  acknowledged?: boolean;
  ackedBy?: string | null;
  ackedAt?: number | null;
  ackComment?: string | null;
  /** Work-order note or id linked by a user. */
  workOrder?: string | null;
  /** Who cleared it (null or absent: cleared automatically) and why. */
  clearedBy?: string | null;
  clearReason?: string | null;
}

export type FlagHistoryEvent = 'raised' | 'severity' | 'acknowledged' | 'work-order' | 'cleared';

/** One row of the flag history (SQLite): every raise, change of severity, acknowledgement, work order and clear. */
export interface FlagHistoryEntry {
  id: number;
  ts: number;
  flagId: string;
  asset: string;
  rule: string;
  event: FlagHistoryEvent;
  severity: FlagSeverity;
  /** null for the analytics themselves. */
  user: string | null;
  comment: string | null;
}

/** Run hours and starts of one motor-driven asset, from its `running` tag. */
export interface RunHoursDto {
  asset: string;
  runningTag: string;
  running: boolean;
  runHours: number;
  starts: number;
  /** Run hours at the last service (clearing a service-interval flag records a service). */
  runHoursAtService: number;
  serviceIntervalHours: number;
  /** Run hours left until the next service is due (negative: overdue). */
  serviceDueInHours: number;
  startsLastHour: number;
  startsLast24h: number;
  updatedAt: number;
}
