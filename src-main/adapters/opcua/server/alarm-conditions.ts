// PlantBridge's alarms as OPC UA Alarms & Conditions (Part 9) in the bridge server: one condition instance per
// alarm, a mirror of the AlarmService (the single source of truth), raising its events on the Server object.
import { DataType, NodeClass, StatusCodes, promoteToStateMachine } from 'node-opcua';
import type { AddressSpace, BaseNode, ISessionContext, Namespace, StatusCode, UAAlarmConditionEx, UAObject, UAStateMachineEx, UAVariable } from 'node-opcua';
import type { AlarmDto } from '../../../contract/index.js';
import type { AlarmActions, Log } from '../../../services/ports.js';
import { ConditionMethodRegistry, journalUser } from './alarm-conditions-methods.js';
import {
  conditionNameOf,
  conditionTypeFor,
  isSuppressed,
  limitPropertyFor,
  limitStateFor,
  retainOf,
  severityFor,
  shelvingStateOf,
  visibleStateKey,
} from './alarm-conditions-mapping.js';
import { ensureEventSource, systemAlarmsFolder } from './alarm-conditions-notifiers.js';

interface Mirrored {
  dto: AlarmDto;
  key: string;
  node: UAAlarmConditionEx;
  /** The ExclusiveLimitStateMachine (LimitState) of limit-type conditions. */
  limit: UAStateMachineEx | null;
  source: BaseNode;
  /** Set while an OPC UA client's Acknowledge/Confirm is with the AlarmService: shown in the event it causes. */
  pending: { comment: string; user: string } | null;
}

function shapeOf(a: AlarmDto): string {
  return JSON.stringify([a.kind, a.level, a.tag]);
}

/** Errors of the AlarmService carry the HTTP-like status of a refusal (404 unknown, 409 wrong state). */
function refusalStatus(err: unknown): number | null {
  const s = (err as { status?: unknown } | null)?.status;
  return typeof s === 'number' ? s : null;
}

export class AlarmConditions {
  private readonly mirrors = new Map<string, Mirrored>();
  private readonly shapes = new Map<string, string>();
  private readonly namespace: Namespace;
  private readonly methods: ConditionMethodRegistry;

  constructor(
    private readonly addressSpace: AddressSpace,
    private readonly actions: AlarmActions | null,
    private readonly log: Log,
  ) {
    this.namespace = addressSpace.getOwnNamespace();
    this.methods = new ConditionMethodRegistry(addressSpace, log);
  }

  get size(): number {
    return this.mirrors.size;
  }

  /** Every alarm: missing conditions are created, stale ones (tag node re-created, alarm removed) rebuilt or deleted. */
  setAlarms(alarms: readonly AlarmDto[]): void {
    const wanted = new Set(alarms.map((a) => a.id));
    for (const id of [...this.mirrors.keys()]) if (!wanted.has(id)) this.remove(id);
    for (const alarm of alarms) this.apply(alarm);
  }

  update(changed: readonly AlarmDto[]): void {
    for (const alarm of changed) this.apply(alarm);
  }

  private apply(alarm: AlarmDto): void {
    try {
      const m = this.mirrors.get(alarm.id);
      if (m && this.isCurrent(m, alarm)) this.mirror(m, alarm);
      else this.create(alarm);
    } catch (err) {
      this.log.warn({ alarm: alarm.id, err: err instanceof Error ? err.message : String(err) }, 'bridge server: alarm condition not mirrored');
    }
  }

  private isCurrent(m: Mirrored, alarm: AlarmDto): boolean {
    const source = alarm.kind === 'system' ? this.server() : this.namespace.findNode(`s=${alarm.tag}`);
    return this.shapes.get(alarm.id) === shapeOf(alarm) && this.addressSpace.findNode(m.node.nodeId) === m.node && source === m.source;
  }

  private server(): UAObject {
    return this.addressSpace.rootFolder.objects.server;
  }

  private create(alarm: AlarmDto): void {
    this.remove(alarm.id);
    const placed = alarm.kind === 'system' ? this.systemPlacement(alarm) : this.tagPlacement(alarm);
    if (!placed) return; // the tag is not mirrored (yet): setAlarms after the next setTags retries
    const limitState = limitStateFor(alarm.level);
    const limitProperty = limitState !== null && alarm.limit !== null ? limitPropertyFor(limitState) : null;
    const optionals = ['ConfirmedState', 'SuppressedState', 'ShelvingState'];
    if (this.actions?.confirm) optionals.push('Confirm');
    if (limitProperty) optionals.push(limitProperty);
    const node = this.namespace.instantiateAlarmCondition(conditionTypeFor(alarm), {
      nodeId: `s=${alarm.id}`,
      browseName: placed.browseName,
      componentOf: placed.parent,
      conditionSource: placed.source,
      conditionOf: placed.source,
      conditionName: conditionNameOf(alarm),
      conditionClass: this.addressSpace.findObjectType(alarm.kind === 'system' ? 'SystemConditionClassType' : 'ProcessConditionClassType'),
      // A NodeId, not the node: node-opcua then does not evaluate the input itself; the AlarmService does.
      inputNode: placed.source.nodeId,
      optionals,
    });
    // node-opcua names the source by its qualified browse name (`1:Flow`); operators know the tag by its path.
    node.setSourceName(alarm.kind === 'system' ? 'PlantBridge' : alarm.tag);
    const limitMachine = node.getComponentByName('LimitState');
    const limit = limitMachine && limitMachine.nodeClass === NodeClass.Object ? promoteToStateMachine(limitMachine as UAObject) : null;
    this.methods.bindInstance(
      { Acknowledge: node.acknowledge, Confirm: node.confirm ?? null, Enable: node.enable, Disable: node.disable },
      [node.shelvingState?.timedShelve, node.shelvingState?.oneShotShelve, node.shelvingState?.unshelve].filter((m) => m !== undefined),
    );
    const m: Mirrored = { dto: alarm, key: '', node, limit, source: placed.source, pending: null };
    this.mirrors.set(alarm.id, m);
    this.shapes.set(alarm.id, shapeOf(alarm));
    this.methods.register(node.nodeId.toString(), {
      acknowledge: (eventId, comment, ctx) => this.acknowledge(alarm.id, eventId, comment, ctx),
      confirm: (eventId, comment, ctx) => this.confirm(alarm.id, eventId, comment, ctx),
    });
    this.mirror(m, alarm);
  }

  private tagPlacement(alarm: AlarmDto): { parent: UAObject; source: UAVariable; browseName: string } | null {
    const variable = this.namespace.findNode(`s=${alarm.tag}`) as UAVariable | null;
    if (!variable) return null;
    const parent = ensureEventSource(this.addressSpace, alarm.tag, variable);
    if (!parent) return null;
    return { parent, source: variable, browseName: `${variable.browseName.name ?? alarm.tag} ${alarm.level}` };
  }

  private systemPlacement(alarm: AlarmDto): { parent: UAObject; source: UAObject; browseName: string } {
    return { parent: systemAlarmsFolder(this.addressSpace), source: this.server(), browseName: conditionNameOf(alarm) };
  }

  private remove(id: string): void {
    const m = this.mirrors.get(id);
    if (!m) return;
    this.mirrors.delete(id);
    this.shapes.delete(id);
    this.methods.unregister(m.node.nodeId.toString());
    if (this.addressSpace.findNode(m.node.nodeId) === m.node) this.addressSpace.deleteNode(m.node);
  }

  /** Brings the condition's variables in line with `alarm` and raises an event when a client would see a change. */
  private mirror(m: Mirrored, alarm: AlarmDto): void {
    const key = visibleStateKey(alarm);
    const first = m.key === '';
    const changed = key !== m.key;
    m.dto = alarm;
    m.key = key;
    if (!changed) return;
    const node = m.node;
    const branch = node.currentBranch();
    const time = new Date(alarm.lastChange);
    if (branch.getActiveState() !== alarm.active) branch.setActiveState(alarm.active);
    if (branch.getAckedState() !== alarm.acknowledged) branch.setAckedState(alarm.acknowledged);
    if (branch.getConfirmedState() !== alarm.confirmed) branch.setConfirmedState(alarm.confirmed);
    if (branch.getSuppressedState() !== isSuppressed(alarm)) branch.setSuppressedState(isSuppressed(alarm));
    this.mirrorShelving(node, alarm);
    this.mirrorLimit(m, alarm);
    branch.setComment(m.pending?.comment ?? '');
    branch.setClientUserId(m.pending?.user ?? '');
    const retain = retainOf(alarm);
    if (first && !retain) {
      // A new condition in the normal state: readable, but nothing happened that a client needs an event for.
      branch.setMessage(alarm.message);
      branch.setSeverity(severityFor(alarm.priority));
      branch.setRetain(false);
      return;
    }
    node.raiseNewCondition({ message: alarm.message, severity: severityFor(alarm.priority), quality: StatusCodes.Good, retain, time });
  }

  private mirrorShelving(node: UAAlarmConditionEx, alarm: AlarmDto): void {
    const shelving = node.shelvingState;
    if (!shelving) return;
    const state = shelvingStateOf(alarm);
    if (shelving.getCurrentState() === state) return;
    shelving.setState(state);
    // UnshelveTime is computed by node-opcua from these two (read on demand).
    if (alarm.shelving) {
      shelving._shelvedTime = new Date(alarm.shelving.since);
      shelving._duration = alarm.shelving.until === null ? 2 ** 31 - 1 : Math.max(0, alarm.shelving.until - alarm.shelving.since);
    }
  }

  private mirrorLimit(m: Mirrored, alarm: AlarmDto): void {
    const limitState = limitStateFor(alarm.level);
    if (limitState === null) return;
    const want = alarm.active ? limitState : null;
    if (m.limit && m.limit.getCurrentState() !== want) m.limit.setState(want);
    if (alarm.limit === null) return;
    const property = m.node.getPropertyByName(limitPropertyFor(limitState));
    if (property && property.readValue().value.value !== alarm.limit) {
      property.setValueFromSource({ dataType: DataType.Double, value: alarm.limit });
    }
  }

  private async acknowledge(id: string, eventId: Buffer | null, comment: string, ctx: ISessionContext): Promise<StatusCode> {
    const m = this.mirrors.get(id);
    if (!m) return StatusCodes.BadNodeIdUnknown;
    if (eventId === null || m.node.findBranchForEventId(eventId) === null) return StatusCodes.BadEventIdUnknown;
    if (m.dto.acknowledged) return StatusCodes.BadConditionBranchAlreadyAcked;
    m.pending = { comment, user: ctx.getUserName() };
    try {
      await (this.actions?.acknowledge(id, comment, journalUser(ctx)) ?? Promise.reject(new Error('no alarm actions')));
      return StatusCodes.Good;
    } catch (err) {
      const s = refusalStatus(err);
      if (s === 409) return StatusCodes.BadConditionBranchAlreadyAcked;
      if (s === 404) return StatusCodes.BadNodeIdUnknown;
      throw err;
    } finally {
      m.pending = null;
    }
  }

  private async confirm(id: string, eventId: Buffer | null, comment: string, ctx: ISessionContext): Promise<StatusCode> {
    const m = this.mirrors.get(id);
    const actions = this.actions;
    if (!m) return StatusCodes.BadNodeIdUnknown;
    if (!actions?.confirm) return StatusCodes.BadNotSupported;
    if (eventId === null || m.node.findBranchForEventId(eventId) === null) return StatusCodes.BadEventIdUnknown;
    if (m.dto.confirmed) return StatusCodes.BadConditionBranchAlreadyConfirmed;
    m.pending = { comment, user: ctx.getUserName() };
    try {
      await actions.confirm(id, comment, journalUser(ctx));
      return StatusCodes.Good;
    } catch (err) {
      const s = refusalStatus(err);
      if (s === 409) return this.mirrors.get(id)?.dto.confirmed ? StatusCodes.BadConditionBranchAlreadyConfirmed : StatusCodes.BadInvalidState;
      if (s === 404) return StatusCodes.BadNodeIdUnknown;
      throw err;
    } finally {
      m.pending = null;
    }
  }
}
