// The store-and-forward drill ("pull the cable") as a pure state machine: cut → buffer → restore → drain →
// confirmed. The confirmation is computed from the outbox counters only, so the UI never claims a delivery
// it cannot prove: the backlog at restore must have left the outbox, the delivered counter must have grown by
// at least that many, and nothing may have been dropped since the restore.
import type { OutboxStatus, UplinkStatus } from '../../src-main/contract/index.js';

export type DrillPhase = 'idle' | 'cutting' | 'cut' | 'restoring' | 'draining' | 'confirmed';

/** The counters that matter for the proof, at one moment. */
export interface OutboxMark {
  depth: number;
  delivered: number;
  dropped: number;
}

export interface DrillState {
  phase: DrillPhase;
  /** Counters when the cut took effect; null when the drill found the uplink already cut (e.g. after a reload). */
  atCut: OutboxMark | null;
  /** Backend time (ms) of the cut. */
  cutAt: number | null;
  /** Highest backlog seen while cut. */
  peakDepth: number;
  /** Counters when the restore took effect: `atRestore.depth` is the number of messages buffered by the drill. */
  atRestore: OutboxMark | null;
  /** Backend time (ms) of the restore. */
  restoreAt: number | null;
  latest: OutboxStatus | null;
  /** Backend time of `latest`. */
  latestAt: number | null;
  /** Frozen once every buffered message is proven delivered. */
  confirmation: { buffered: number; delivered: number; at: number } | null;
  error: string | null;
}

export type DrillEvent =
  | { type: 'cut-requested' }
  | { type: 'cut-done'; status: UplinkStatus; now: number }
  | { type: 'restore-requested' }
  | { type: 'restore-done'; status: UplinkStatus; now: number }
  | { type: 'request-failed'; message: string }
  | { type: 'observed'; status: UplinkStatus; now: number }
  | { type: 'reset' };

export const initialDrill: DrillState = {
  phase: 'idle',
  atCut: null,
  cutAt: null,
  peakDepth: 0,
  atRestore: null,
  restoreAt: null,
  latest: null,
  latestAt: null,
  confirmation: null,
  error: null,
};

/**
 * Margin on the "older than the restore" test: backend time is estimated in the browser from the health
 * events, so only messages enqueued clearly after the restore count as new live traffic.
 */
export const RESTORE_CLOCK_MARGIN_MS = 2000;

function mark(o: OutboxStatus): OutboxMark {
  return { depth: o.depth, delivered: o.delivered, dropped: o.dropped };
}

export interface DrillVerdict {
  /** Messages buffered by the drill: the backlog depth at the moment of the restore. */
  buffered: number;
  deliveredSinceRestore: number;
  droppedSinceRestore: number;
  /** Drops while cut (null when the cut was not observed by this drill). */
  droppedDuringCut: number | null;
  /** Messages that were waiting at the restore are still in the outbox. */
  backlogLeft: boolean;
  /** The backend's counters went backwards (it restarted): nothing can be proven from them. */
  countersReset: boolean;
  allDelivered: boolean;
}

/** What the counters prove so far; null before the restore. */
export function drillVerdict(s: DrillState): DrillVerdict | null {
  if (!s.atRestore || s.restoreAt === null || !s.latest || s.latestAt === null) return null;
  const r = s.atRestore;
  const o = s.latest;
  const countersReset = o.delivered < r.delivered || o.dropped < r.dropped;
  const deliveredSinceRestore = Math.max(0, o.delivered - r.delivered);
  const droppedSinceRestore = Math.max(0, o.dropped - r.dropped);
  const droppedDuringCut = s.atCut ? Math.max(0, r.dropped - s.atCut.dropped) : null;
  // The oldest waiting message was enqueued at latestAt - oldestAgeMs: if that is after the restore, every
  // message that was waiting at the restore has left the outbox (live traffic may keep it from ever being 0).
  const oldestEnqueuedAt = s.latestAt - o.oldestAgeMs;
  const backlogLeft = o.depth > 0 && oldestEnqueuedAt <= s.restoreAt + RESTORE_CLOCK_MARGIN_MS;
  const allDelivered = !countersReset && droppedSinceRestore === 0 && !backlogLeft && deliveredSinceRestore >= r.depth;
  return { buffered: r.depth, deliveredSinceRestore, droppedSinceRestore, droppedDuringCut, backlogLeft, countersReset, allDelivered };
}

function withObservation(s: DrillState, o: OutboxStatus | null, now: number): DrillState {
  if (!o) return s;
  return { ...s, latest: o, latestAt: now };
}

/** Moves to `confirmed` (once, frozen) when the counters prove delivery. */
function settle(s: DrillState): DrillState {
  if (s.phase !== 'draining') return s;
  const v = drillVerdict(s);
  if (!v?.allDelivered || s.latestAt === null) return s;
  return { ...s, phase: 'confirmed', confirmation: { buffered: v.buffered, delivered: v.deliveredSinceRestore, at: s.latestAt } };
}

export function drillReducer(s: DrillState, e: DrillEvent): DrillState {
  switch (e.type) {
    case 'reset':
      return initialDrill;
    case 'cut-requested':
      return s.phase === 'idle' || s.phase === 'confirmed' ? { ...initialDrill, phase: 'cutting', latest: s.latest, latestAt: s.latestAt } : s;
    case 'cut-done': {
      if (s.phase !== 'cutting') return s;
      const o = e.status.outbox;
      if (!o) return { ...s, phase: 'cut', cutAt: e.now, error: 'This uplink has no outbox: nothing is buffered while it is cut.' };
      // The backend's own `since` of the cut state is exact; the browser's estimate is the fallback.
      const cutAt = e.status.state === 'cut' ? e.status.since : e.now;
      return { ...withObservation(s, o, e.now), phase: 'cut', atCut: mark(o), cutAt, peakDepth: o.depth, error: null };
    }
    case 'restore-requested':
      return s.phase === 'cut' ? { ...s, phase: 'restoring', error: null } : s;
    case 'restore-done': {
      if (s.phase !== 'restoring') return s;
      const o = e.status.outbox;
      if (!o) return { ...s, phase: 'idle', error: 'This uplink has no outbox: there is nothing to confirm.' };
      return settle({ ...withObservation(s, o, e.now), phase: 'draining', atRestore: mark(o), restoreAt: e.now, peakDepth: Math.max(s.peakDepth, o.depth) });
    }
    case 'request-failed':
      if (s.phase === 'cutting') return { ...s, phase: 'idle', error: e.message };
      if (s.phase === 'restoring') return { ...s, phase: 'cut', error: e.message };
      return { ...s, error: e.message };
    case 'observed':
      return observe(s, e.status, e.now);
  }
}

function observe(s: DrillState, u: UplinkStatus, now: number): DrillState {
  const next = withObservation(s, u.outbox, now);
  switch (s.phase) {
    case 'idle':
      // Found cut (a drill started before a reload, or from another window): continue from step 2.
      if (u.state === 'cut') return { ...next, phase: 'cut', atCut: null, cutAt: u.since, peakDepth: u.outbox?.depth ?? 0 };
      return next;
    case 'cut':
      // `since` after the cut: someone else restored it. Older snapshots still in flight are ignored.
      if (u.state !== 'cut' && s.cutAt !== null && u.since > s.cutAt) {
        return { ...next, phase: 'idle', error: 'The uplink was restored outside this drill; start the drill again.' };
      }
      return { ...next, peakDepth: Math.max(s.peakDepth, u.outbox?.depth ?? 0) };
    case 'draining':
      return settle(next);
    default:
      return next;
  }
}

/** The step the guided panel highlights (1 cut, 2 watch the buffer, 3 restore, 4 watch the drain). */
export function drillStep(s: DrillState): 1 | 2 | 3 | 4 {
  switch (s.phase) {
    case 'idle':
    case 'cutting':
      return 1;
    case 'cut':
      return (s.latest?.depth ?? 0) > 0 ? 3 : 2;
    case 'restoring':
      return 3;
    case 'draining':
    case 'confirmed':
      return 4;
  }
}
