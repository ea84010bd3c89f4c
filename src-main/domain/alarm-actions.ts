// Operator and engineer actions on one alarm (confirm, reset, shelve, unshelve, out of service) and the
// suppression-by-design switch: each returns the transition to journal, or throws an AlarmRefusal saying why.
import type { AlarmShelving } from '../contract/index.js';
import { AlarmRefusal, settle, type AlarmRecord, type AlarmTransition } from './alarm-state-machine.js';
import { formatAlarmNumber } from './alarm-message.js';

function blank(text: string): string | null {
  const t = text.trim();
  return t === '' ? null : t;
}

/** OPC UA Part 9 confirm: after the acknowledge, the operator confirms the alarm was dealt with. */
export function confirmAlarm(r: AlarmRecord, ts: number, user: string, comment: string): AlarmTransition {
  const id = r.def.id;
  if (!r.def.confirmRequired) throw new AlarmRefusal(`alarm ${id} does not need a confirm (confirmRequired is off)`, 409);
  if (!r.acked) throw new AlarmRefusal(`alarm ${id} must be acknowledged before it is confirmed`, 409);
  if (r.confirmed) throw new AlarmRefusal(`alarm ${id} is already confirmed`, 409);
  return { event: 'confirmed', record: settle({ ...r, confirmed: true, lastChange: ts }), user, comment: blank(comment) };
}

/** Resets a latched alarm: it returned and was acknowledged, and the operator releases it. */
export function resetAlarm(r: AlarmRecord, ts: number, user: string, comment: string): AlarmTransition {
  const id = r.def.id;
  if (!r.def.latched) throw new AlarmRefusal(`alarm ${id} is not a latching alarm: there is nothing to reset`, 409);
  if (r.active) throw new AlarmRefusal(`alarm ${id} is still active: it can be reset once it has returned to normal`, 409);
  if (!r.acked) throw new AlarmRefusal(`alarm ${id} must be acknowledged before it is reset`, 409);
  if (!r.latched) throw new AlarmRefusal(`alarm ${id} is not latched: there is nothing to reset`, 409);
  return { event: 'reset', record: settle({ ...r, latched: false, lastChange: ts }), user, comment: blank(comment) };
}

export interface ShelveRequest {
  mode: 'timed' | 'one-shot';
  /** Required for a timed shelve. */
  minutes?: number | undefined;
  reason: string;
}

/** Shelves an alarm: timed (capped at the alarm's maximum) or one-shot (until it returns to normal). */
export function shelveAlarm(r: AlarmRecord, ts: number, user: string, req: ShelveRequest): AlarmTransition {
  const id = r.def.id;
  const reason = blank(req.reason);
  if (!reason) throw new AlarmRefusal(`shelving alarm ${id} needs a reason`, 400);
  if (r.outOfService) throw new AlarmRefusal(`alarm ${id} is out of service: shelving it would change nothing`, 409);
  if (r.shelving) {
    const until = r.shelving.until === null ? 'until it returns to normal' : `until ${new Date(r.shelving.until).toISOString()}`;
    throw new AlarmRefusal(`alarm ${id} is already shelved ${until}: unshelve it first`, 409);
  }
  let until: number | null = null;
  if (req.mode === 'timed') {
    const minutes = req.minutes;
    if (minutes === undefined || !Number.isFinite(minutes) || minutes <= 0) {
      throw new AlarmRefusal(`a timed shelve of alarm ${id} needs a duration in minutes`, 400);
    }
    if (minutes > r.def.maxShelveMinutes) {
      throw new AlarmRefusal(
        `alarm ${id} may be shelved for at most ${formatAlarmNumber(r.def.maxShelveMinutes)} minutes (asked for ${formatAlarmNumber(minutes)})`,
        400,
      );
    }
    until = ts + Math.round(minutes * 60_000);
  } else if (!r.active) {
    throw new AlarmRefusal(`alarm ${id} is not active: a one-shot shelve lasts until it returns to normal, so it needs an active alarm`, 409);
  }
  const shelving: AlarmShelving = { mode: req.mode, since: ts, until, reason, user };
  return { event: 'shelved', record: settle({ ...r, shelving, lastChange: ts }), user, comment: reason };
}

/** Ends a shelve: by an operator, or by the `system` user when a timed shelve expires. */
export function unshelveAlarm(r: AlarmRecord, ts: number, user: string, comment: string): AlarmTransition {
  if (!r.shelving) throw new AlarmRefusal(`alarm ${r.def.id} is not shelved`, 409);
  return { event: 'unshelved', record: settle({ ...r, shelving: null, lastChange: ts }), user, comment: blank(comment) };
}

/** Whether a timed shelve has run out at `now`. */
export function shelveExpired(r: AlarmRecord, now: number): boolean {
  return r.shelving !== null && r.shelving.until !== null && now >= r.shelving.until;
}

/** Takes an alarm out of service (engineer, with a reason) or puts it back. */
export function setOutOfService(r: AlarmRecord, outOfService: boolean, ts: number, user: string, reason: string): AlarmTransition {
  const id = r.def.id;
  const why = blank(reason);
  if (!why) throw new AlarmRefusal(`changing the service state of alarm ${id} needs a reason`, 400);
  if (outOfService) {
    if (r.outOfService) throw new AlarmRefusal(`alarm ${id} is already out of service (${r.outOfService.reason})`, 409);
    const record = settle({ ...r, outOfService: { reason: why, user, since: ts }, lastChange: ts });
    return { event: 'out-of-service', record, user, comment: why };
  }
  if (!r.outOfService) throw new AlarmRefusal(`alarm ${id} is in service`, 409);
  return { event: 'in-service', record: settle({ ...r, outOfService: null, lastChange: ts }), user, comment: why };
}

/** Suppression by design follows another tag's value; null when nothing changes. */
export function setSuppression(r: AlarmRecord, by: string | null, ts: number, why: string): AlarmTransition | null {
  if (r.suppressedBy === by) return null;
  const record = settle({ ...r, suppressedBy: by, lastChange: ts });
  return { event: by ? 'suppressed' : 'unsuppressed', record, user: 'system', comment: why };
}
