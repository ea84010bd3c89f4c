// Operator and engineer actions on alarms: acknowledge, confirm, reset, shelve, unshelve, out of service and
// runtime limit edits. Each resolves only once its journal row is written (and, for settings, once they are saved
// and audited); a refusal is an AlarmRefusal with the HTTP status and a sentence saying why.
import type { AlarmDto } from '../../contract/index.js';
import { confirmAlarm, resetAlarm, setOutOfService, shelveAlarm, unshelveAlarm, type ShelveRequest } from '../../domain/alarm-actions.js';
import {
  applyLimitEdit,
  checkLimitEdit,
  describeLimitChange,
  limitSnapshot,
  mergeLimitEdits,
  type AlarmLimitEdit,
} from '../../domain/alarm-runtime.js';
import {
  AlarmAckError,
  AlarmRefusal,
  acknowledgeAlarm,
  redefineAlarm,
  toAlarmDto,
  type AlarmRecord,
  type AlarmTransition,
} from '../../domain/alarm-state-machine.js';
import { journalRow, type AlarmCore } from './alarm-core.js';
import type { AlarmEvaluation } from './alarm-evaluation.js';

type Action = (record: AlarmRecord, now: number) => AlarmTransition;

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class AlarmCommands {
  constructor(
    private readonly core: AlarmCore,
    private readonly evaluation: AlarmEvaluation,
  ) {}

  private find(id: string): AlarmRecord {
    const record = this.core.records.get(id);
    if (!record) throw new AlarmAckError(`no alarm with id ${id}`, 404);
    return record;
  }

  /**
   * Applies an action at once (so samples arriving meanwhile see it), then saves the runtime settings when asked
   * and writes the journal row. Not recorded means not done: the change is undone unless something newer replaced it.
   */
  private async act(id: string, verb: string, action: Action, persist: boolean): Promise<AlarmDto> {
    const before = this.find(id);
    const now = this.core.clock.now();
    const t = action(before, now);
    this.evaluation.put(t.record);
    try {
      if (persist) await this.core.persist(id, this.core.runtimeOf(t.record));
      await this.core.writeJournal([journalRow(t, now)]);
    } catch (err) {
      if (this.core.records.get(id) === t.record) this.evaluation.put(before);
      throw new Error(`${verb} of alarm ${id} was not recorded in the journal: ${reasonOf(err)}`);
    }
    const current = toAlarmDto(this.core.records.get(id) ?? t.record);
    this.core.emit([current]);
    return current;
  }

  acknowledge(id: string, comment: string, user: string): Promise<AlarmDto> {
    const text = comment.trim();
    return this.act(id, 'acknowledge', (r, now) => ({ ...acknowledgeAlarm(r, now), user, comment: text === '' ? null : text }), false);
  }

  confirm(id: string, comment: string, user: string): Promise<AlarmDto> {
    return this.act(id, 'confirm', (r, now) => confirmAlarm(r, now, user, comment), false);
  }

  reset(id: string, comment: string, user: string): Promise<AlarmDto> {
    return this.act(id, 'reset', (r, now) => resetAlarm(r, now, user, comment), false);
  }

  shelve(id: string, req: ShelveRequest, user: string): Promise<AlarmDto> {
    return this.act(id, 'shelve', (r, now) => shelveAlarm(r, now, user, req), true);
  }

  unshelve(id: string, comment: string, user: string): Promise<AlarmDto> {
    return this.act(id, 'unshelve', (r, now) => unshelveAlarm(r, now, user, comment), true);
  }

  /** Engineer only (the route says so); audited in the command audit as well as journaled. */
  async setOutOfService(id: string, outOfService: boolean, reason: string, user: string, via: string): Promise<AlarmDto> {
    const before = this.find(id);
    const now = this.core.clock.now();
    setOutOfService(before, outOfService, now, user, reason); // refuses before anything is audited
    await this.core.store.appendAudit({
      ts: now,
      user,
      via,
      action: 'alarm-service',
      tag: before.def.tag,
      oldValue: before.outOfService ? 'out-of-service' : 'in-service',
      newValue: outOfService ? 'out-of-service' : 'in-service',
      status: 'Good',
      message: `alarm ${id} ${outOfService ? 'taken out of service' : 'returned to service'} by ${user}: ${reason.trim()}`,
    });
    return this.act(id, outOfService ? 'out-of-service' : 'return to service', (r, t) => setOutOfService(r, outOfService, t, user, reason), true);
  }

  /** Engineer only: changes limit/deadband/priority/delays at runtime, saved so a restart keeps them. */
  async setLimits(id: string, edit: AlarmLimitEdit, user: string, via: string, comment = ''): Promise<AlarmDto> {
    const before = this.find(id);
    if (before.def.input.kind === 'system') {
      throw new AlarmRefusal(`alarm ${id} is a PlantBridge system alarm: its settings are not editable`, 409);
    }
    const base = this.evaluation.baseDefs.get(id) ?? before.def;
    const siblings = [...this.core.records.values()].filter((r) => r.def.tag === before.def.tag).map((r) => r.def);
    checkLimitEdit(before.def, edit, siblings);
    const stored = this.core.runtime.get(id);
    const merged = mergeLimitEdits(stored?.limits, edit);
    const after = applyLimitEdit(base, merged);
    const change = describeLimitChange(before.def, after);
    const now = this.core.clock.now();
    const note = comment.trim();
    // Audited before it takes effect, like a write.
    await this.core.store.appendAudit({
      ts: now,
      user,
      via,
      action: 'alarm-limits',
      tag: before.def.tag,
      oldValue: limitSnapshot(before.def),
      newValue: limitSnapshot(after),
      status: 'Good',
      message: `alarm ${id} settings changed by ${user}: ${change}${note ? ` (${note})` : ''}`,
    });
    const current = this.core.records.get(id) ?? before;
    const settings = { ...(this.core.runtimeOf(current) ?? {}), limits: merged };
    await this.core.persist(id, settings);
    const redefined = redefineAlarm(current, after);
    this.evaluation.put(redefined);
    const t: AlarmTransition = { record: redefined, event: 'limits-changed', user, comment: note ? `${change} — ${note}` : change };
    await this.core.writeJournal([journalRow(t, now)]);
    // The new limit applies to the latest value at once, not only from the next sample on.
    const follow = this.evaluation.reevaluate(id, now);
    this.core.commit(follow, now);
    const dto = toAlarmDto(this.core.records.get(id) ?? redefined);
    if (follow.length === 0) this.core.emit([dto]);
    return dto;
  }
}
