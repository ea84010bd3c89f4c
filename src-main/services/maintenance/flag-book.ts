// All maintenance flags: one slot per rule instance (the active flag and its lifecycle), the recently cleared ones,
// user actions (acknowledge, work order, clear) and the flag history. Saves flags and history through the ports.
import type { FlagDto, FlagHistoryEntry, FlagHistoryEvent } from '../../contract/index.js';
import { stepFlag, type FlagIdentity, type FlagSlot } from '../../domain/maintenance/flag-lifecycle.js';
import type { RuleAssessment } from '../../domain/maintenance/rules/rule-assessment.js';
import type { HistorianStore, Log } from '../ports.js';
import type { MaintenanceStore } from './maintenance-store.js';

export class FlagActionError extends Error {
  constructor(
    readonly status: 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'FlagActionError';
  }
}

export interface FlagBookOptions {
  store: HistorianStore;
  history: MaintenanceStore;
  log: Log;
  clearAfterMs: number;
  keepCleared: number;
}

interface Entry {
  key: string;
  identity: FlagIdentity;
  slot: FlagSlot;
}

export interface FlagBook {
  register(key: string, identity: FlagIdentity): void;
  /** One evaluation of one rule instance; returns the flag when it was raised, updated or cleared. */
  step(key: string, assessment: RuleAssessment, now: number): FlagDto | null;
  activeOn(asset: string, exceptKey: string): boolean;
  list(): FlagDto[];
  restore(saved: FlagDto[]): void;
  acknowledge(id: string, user: string, comment: string, now: number): FlagDto;
  setWorkOrder(id: string, workOrder: string, user: string, now: number): FlagDto;
  /** Clears an active flag by hand; it is raised again only after its condition has gone and come back. */
  clear(id: string, user: string, reason: string, now: number): { flag: FlagDto; key: string };
  save(): void;
  idle(): Promise<void>;
}

export function createFlagBook(o: FlagBookOptions): FlagBook {
  const entries = new Map<string, Entry>();
  let cleared: FlagDto[] = [];
  let chain: Promise<void> = Promise.resolve();
  const enqueue = (what: string, work: () => Promise<void>): void => {
    chain = chain.then(work).catch((err: unknown) => o.log.error({ err }, `saving maintenance ${what} failed`));
  };

  const record = (f: FlagDto, event: FlagHistoryEvent, ts: number, user: string | null, comment: string | null): void => {
    const row: Omit<FlagHistoryEntry, 'id'> = { ts, flagId: f.id, asset: f.asset, rule: f.rule, event, severity: f.severity, user, comment };
    enqueue('flag history', () => o.history.appendFlagHistory([row]));
  };

  const keepCleared = (f: FlagDto): void => {
    cleared = [f, ...cleared.filter((c) => c.id !== f.id)].slice(0, o.keepCleared);
  };

  const findActive = (id: string): Entry => {
    for (const e of entries.values()) if (e.slot.flag?.id === id) return e;
    if (cleared.some((c) => c.id === id)) throw new FlagActionError(409, `flag ${id} is already cleared`);
    throw new FlagActionError(404, `unknown flag ${id}`);
  };

  function list(): FlagDto[] {
    const active = [...entries.values()].map((e) => e.slot.flag).filter((f): f is FlagDto => f !== null);
    return [...active.sort((a, b) => b.startedAt - a.startedAt), ...cleared];
  }

  function save(): void {
    const flags = list();
    enqueue('flags', () => o.store.saveFlags(flags));
  }

  function userChange(e: Entry, patch: Partial<FlagDto>, event: FlagHistoryEvent, user: string, comment: string, now: number): FlagDto {
    const current = e.slot.flag;
    if (!current) throw new FlagActionError(404, 'flag is gone');
    const flag: FlagDto = { ...current, ...patch, updatedAt: now };
    e.slot = { ...e.slot, flag };
    record(flag, event, now, user, comment || null);
    save();
    return flag;
  }

  return {
    register(key, identity) {
      entries.set(key, { key, identity, slot: { flag: null, normalSince: null } });
    },
    step(key, assessment, now) {
      const e = entries.get(key);
      if (!e) return null;
      const before = e.slot.flag;
      const { slot, changed } = stepFlag(e.slot, assessment, { ...e.identity, key }, now, o.clearAfterMs);
      e.slot = slot;
      if (!changed) return null;
      if (changed.state === 'cleared') {
        keepCleared(changed);
        record(changed, 'cleared', now, null, 'condition gone');
      } else if (!before) record(changed, 'raised', now, null, null);
      else if (before.severity !== changed.severity) record(changed, 'severity', now, null, `${before.severity} → ${changed.severity}`);
      return changed;
    },
    activeOn(asset, exceptKey) {
      for (const e of entries.values()) if (e.key !== exceptKey && e.slot.flag?.asset === asset) return true;
      return false;
    },
    list,
    restore(saved) {
      for (const flag of saved) {
        if (flag.state === 'cleared') {
          keepCleared(flag);
          continue;
        }
        const e = [...entries.values()].find((x) => flag.id.startsWith(`${x.key}:`) && /^\d+$/.test(flag.id.slice(x.key.length + 1)));
        if (e && !e.slot.flag) e.slot = { flag, normalSince: null };
      }
      cleared = cleared.sort((a, b) => b.updatedAt - a.updatedAt).slice(0, o.keepCleared);
    },
    acknowledge(id, user, comment, now) {
      const e = findActive(id);
      if (e.slot.flag?.acknowledged) throw new FlagActionError(409, `flag ${id} is already acknowledged`);
      return userChange(e, { acknowledged: true, ackedBy: user, ackedAt: now, ackComment: comment || null }, 'acknowledged', user, comment, now);
    },
    setWorkOrder(id, workOrder, user, now) {
      const e = findActive(id);
      return userChange(e, { workOrder }, 'work-order', user, workOrder, now);
    },
    clear(id, user, reason, now) {
      const e = findActive(id);
      const current = e.slot.flag as FlagDto;
      const flag: FlagDto = {
        ...current,
        state: 'cleared',
        updatedAt: now,
        limitEta: null,
        limitEtaRange: null,
        clearedBy: user,
        clearReason: reason,
        explanation: `${current.explanation} Cleared by ${user}: ${reason}`,
      };
      e.slot = { flag: null, normalSince: null, suppressed: true };
      keepCleared(flag);
      record(flag, 'cleared', now, user, reason);
      save();
      return { flag, key: e.key };
    },
    save,
    idle: () => chain,
  };
}
