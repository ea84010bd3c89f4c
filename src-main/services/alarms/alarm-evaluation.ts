// Evaluates alarms on the tag batch stream: each alarm kind on its own tag's samples, deviation and discrepancy
// alarms also on their setpoint/feedback tag, suppression by design on the suppressing tag, and a timer tick for
// on/off delays and shelve expiry. Transitions of one batch are journaled in one write.
import type { Quality, TagBatch, TagValue } from '../../contract/index.js';
import { alarmDefinitionsFor, type AlarmDefinition } from '../../domain/alarm-definitions.js';
import { evaluateCondition, isUnusableQuality, sameState, type ConditionContext } from '../../domain/alarm-condition.js';
import { activationMessage, returnMessage } from '../../domain/alarm-message.js';
import { RateWindow } from '../../domain/alarm-rate-window.js';
import { applyLimitEdit } from '../../domain/alarm-runtime.js';
import { setSuppression, shelveExpired, unshelveAlarm } from '../../domain/alarm-actions.js';
import {
  applyCondition,
  hasPendingDelay,
  newAlarmRecord,
  redefineAlarm,
  settle,
  toAlarmDto,
  type AlarmRecord,
  type AlarmTransition,
  type Describe,
} from '../../domain/alarm-state-machine.js';
import type { TagDef } from '../../domain/tags.js';
import { journalRow, type AlarmCore, type JournalRow } from './alarm-core.js';

interface Latest {
  value: TagValue;
  quality: Quality;
}

function addTo(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}

export class AlarmEvaluation {
  /** Configured definitions before runtime edits, by alarm id (limit edits apply on top of these). */
  readonly baseDefs = new Map<string, AlarmDefinition>();
  /** Only tags that matter to some alarm are here, so a sample of any other tag costs a few failed lookups. */
  private readonly ownByTag = new Map<string, string[]>();
  private readonly relatedByTag = new Map<string, string[]>();
  private readonly suppressorsByTag = new Map<string, string[]>();
  private readonly latest = new Map<string, Latest>();
  private readonly rates = new Map<string, RateWindow>();
  /** Alarms a tick must look at: a pending on/off delay or a timed shelve. */
  private readonly timed = new Set<string>();

  constructor(private readonly core: AlarmCore) {}

  private readonly ctx = (id: string): ConditionContext => ({
    valueOf: (tag) => {
      const l = this.latest.get(tag);
      return l && !isUnusableQuality(l.quality) ? l.value : undefined;
    },
    rate: this.rates.get(id)?.rate() ?? null,
  });

  describe(def: AlarmDefinition, value: TagValue, quality: Quality): Describe {
    const ctx = this.ctx(def.id);
    return (active) => {
      if (!active) return returnMessage(def, value);
      const setpoint = def.input.kind === 'deviation' ? ctx.valueOf(def.input.setpointTag) : undefined;
      const feedback = def.input.kind === 'digital' && def.input.feedbackTag ? ctx.valueOf(def.input.feedbackTag) : undefined;
      return activationMessage(def, value, { setpoint, feedback, rate: ctx.rate, quality });
    };
  }

  /** Stores a record and keeps the tick's work list current. */
  put(record: AlarmRecord): void {
    const id = record.def.id;
    this.core.records.set(id, record);
    if (hasPendingDelay(record) || record.shelving?.until != null) this.timed.add(id);
    else this.timed.delete(id);
  }

  setTags(tags: TagDef[], now: number): JournalRow[] {
    const seen = new Set<string>();
    this.ownByTag.clear();
    this.relatedByTag.clear();
    this.suppressorsByTag.clear();
    for (const tag of tags) {
      for (const base of alarmDefinitionsFor(tag)) {
        this.baseDefs.set(base.id, base);
        const stored = this.core.runtime.get(base.id);
        const def = applyLimitEdit(base, stored?.limits);
        const existing = this.core.records.get(def.id);
        let record = existing ? redefineAlarm(existing, def) : newAlarmRecord(def, now);
        if (!existing && stored) {
          record = settle({ ...record, shelving: stored.shelving ?? null, outOfService: stored.outOfService ?? null });
        }
        this.put(record);
        seen.add(def.id);
        addTo(this.ownByTag, def.tag, def.id);
        if (def.input.kind === 'deviation') addTo(this.relatedByTag, def.input.setpointTag, def.id);
        if (def.input.kind === 'digital' && def.input.feedbackTag) addTo(this.relatedByTag, def.input.feedbackTag, def.id);
        if (def.suppressWhen) addTo(this.suppressorsByTag, def.suppressWhen.tag, def.id);
        if (def.input.kind === 'rate') {
          if (!existing || existing.def.input.kind !== 'rate' || existing.def.input.windowMs !== def.input.windowMs) {
            this.rates.set(def.id, new RateWindow(def.input.windowMs));
          }
        } else this.rates.delete(def.id);
      }
    }
    for (const tag of this.latest.keys()) if (!this.isTracked(tag)) this.latest.delete(tag);
    // Alarms whose tag or level disappeared: journal that a standing one was cleared by reconfiguration.
    const rows: JournalRow[] = [];
    const changed: AlarmRecord[] = [];
    for (const [id, record] of this.core.records) {
      if (seen.has(id) || record.def.input.kind === 'system') continue;
      this.core.records.delete(id);
      this.baseDefs.delete(id);
      this.rates.delete(id);
      this.timed.delete(id);
      if (record.state === 'normal') continue;
      const cleared = settle({ ...record, active: false, acked: true, latched: false, shelving: null, suppressedBy: null, outOfService: null, activeSince: null, lastChange: now });
      rows.push(journalRow({ record: cleared, event: 'cleared', comment: 'alarm removed from the configuration' }, now));
      changed.push(cleared);
    }
    this.core.emit(changed.map(toAlarmDto));
    // New alarms learn at once whether the (rarely changing) suppressing tag already holds.
    const suppression: AlarmTransition[] = [];
    for (const ids of this.suppressorsByTag.values()) for (const id of ids) this.updateSuppression(id, now, suppression);
    rows.push(...suppression.map((t) => journalRow(t, now)));
    this.core.emit(suppression.map((t) => toAlarmDto(t.record)));
    return rows;
  }

  private isTracked(tag: string): boolean {
    return this.ownByTag.has(tag) || this.relatedByTag.has(tag) || this.suppressorsByTag.has(tag);
  }

  /** Evaluates one alarm against a sample of its own tag. */
  private evaluate(id: string, sample: Latest, now: number, out: AlarmTransition[]): void {
    const record = this.core.records.get(id);
    if (!record) return;
    const raw = evaluateCondition(record.def, sample, record.raw, this.ctx(id));
    if (raw === null) return;
    const res = applyCondition(record, raw, now, sample.value, this.describe(record.def, sample.value, sample.quality));
    this.put(res.record);
    out.push(...res.transitions);
  }

  private updateSuppression(id: string, now: number, out: AlarmTransition[]): void {
    const record = this.core.records.get(id);
    const cond = record?.def.suppressWhen;
    if (!record || !cond) return;
    const l = this.latest.get(cond.tag);
    // Unknown or bad: keep what we had rather than flip on a lost signal.
    if (!l || isUnusableQuality(l.quality)) return;
    const on = sameState(l.value, cond.equals);
    const t = setSuppression(record, on ? cond.tag : null, now, `${cond.tag} ${on ? '=' : '≠'} ${String(cond.equals)}`);
    if (!t) return;
    this.put(t.record);
    out.push(t);
  }

  ingest(batch: TagBatch): void {
    let out: AlarmTransition[] | null = null;
    const now = this.core.clock.now();
    for (const sample of batch.samples) {
      const tag = sample.tagId;
      if (!this.isTracked(tag)) continue;
      const s: Latest = { value: sample.value, quality: sample.quality };
      this.latest.set(tag, s);
      out ??= [];
      for (const id of this.suppressorsByTag.get(tag) ?? []) this.updateSuppression(id, now, out);
      for (const id of this.ownByTag.get(tag) ?? []) {
        const window = this.rates.get(id);
        if (window && typeof sample.value === 'number' && Number.isFinite(sample.value) && !isUnusableQuality(sample.quality)) {
          window.push(sample.ts, sample.value);
        }
        this.evaluate(id, s, now, out);
      }
      for (const id of this.relatedByTag.get(tag) ?? []) {
        const own = this.core.records.get(id);
        const ownSample = own ? this.latest.get(own.def.tag) : undefined;
        if (ownSample) this.evaluate(id, ownSample, now, out);
      }
    }
    if (out) this.core.commit(out, now);
  }

  /** Completes on/off delays that have run out and ends expired timed shelves (journaled as user `system`). */
  tick(now: number): void {
    const out: AlarmTransition[] = [];
    const expired: AlarmRecord[] = [];
    for (const id of [...this.timed]) {
      let record = this.core.records.get(id);
      if (!record) {
        this.timed.delete(id);
        continue;
      }
      if (shelveExpired(record, now)) {
        const t = unshelveAlarm(record, now, 'system', 'shelve time expired');
        record = t.record;
        out.push(t);
        expired.push(record);
      }
      if (hasPendingDelay(record)) {
        const l = this.latest.get(record.def.tag);
        const value = l?.value ?? record.value;
        const res = applyCondition(record, record.raw, now, value, this.describe(record.def, value, l?.quality ?? 'good'));
        record = res.record;
        out.push(...res.transitions);
      }
      this.put(record);
    }
    for (const r of expired) this.core.persistQuietly(this.core.records.get(r.def.id) ?? r);
    this.core.commit(out, now);
  }

  /** Re-evaluates one alarm with its tag's latest sample (after a limit edit), returning the transitions. */
  reevaluate(id: string, now: number): AlarmTransition[] {
    const record = this.core.records.get(id);
    const own = record ? this.latest.get(record.def.tag) : undefined;
    const out: AlarmTransition[] = [];
    if (own) this.evaluate(id, own, now, out);
    return out;
  }
}
