// The condition methods OPC UA clients call (Acknowledge, Confirm; Enable/Disable and shelving refused): checked
// here (role, EventId, state), then handed to the AlarmService, whose answer decides the status code.
import { StatusCodes, WellKnownRoles, resolveNodeId } from 'node-opcua';
import type { AddressSpace, CallMethodResultOptions, ISessionContext, LocalizedText, UAMethod, Variant } from 'node-opcua';
import type { StatusCode } from 'node-opcua';
import type { Log } from '../../../services/ports.js';

/** What one mirrored condition answers; the registry finds it by the condition's NodeId. */
export interface ConditionMethodTarget {
  acknowledge(eventId: Buffer | null, comment: string, context: ISessionContext): Promise<StatusCode>;
  confirm(eventId: Buffer | null, comment: string, context: ISessionContext): Promise<StatusCode>;
}

export type ConditionMethodName = 'Acknowledge' | 'Confirm';

/** Two parameters on purpose: node-opcua's bindMethod treats a function of arity 2 as promise-returning. */
type AsyncMethod = (inputArguments: Variant[], context: ISessionContext) => Promise<CallMethodResultOptions>;
type CallbackMethod = (args: Variant[], context: ISessionContext, cb: (err: Error | null, r?: CallMethodResultOptions) => void) => void;

const OPERATOR_ROLES = [WellKnownRoles.Operator, WellKnownRoles.Engineer].map((r) => resolveNodeId(r));

/** Acknowledge and Confirm change the alarm: operators and engineers only (viewers and anonymous are refused). */
export function mayOperateAlarms(context: ISessionContext): boolean {
  return OPERATOR_ROLES.some((role) => context.currentUserHasRole(role));
}

/** How the journal names an OPC UA user, e.g. `olga (via OPC UA)`. */
export function journalUser(context: ISessionContext): string {
  return `${context.getUserName()} (via OPC UA)`;
}

function status(code: StatusCode): CallMethodResultOptions {
  return { statusCode: code };
}

function eventIdOf(arg: Variant | undefined): Buffer | null {
  const v: unknown = arg?.value;
  return Buffer.isBuffer(v) && v.length > 0 ? v : null;
}

function commentOf(arg: Variant | undefined): string {
  const v = arg?.value as LocalizedText | null | undefined;
  return typeof v?.text === 'string' ? v.text : '';
}

/**
 * Enabling and disabling a condition is taking an alarm out of service, which PlantBridge does in its own alarm
 * management (audited, with a reason), not behind the AlarmService's back.
 */
const refuseEnableDisable: AsyncMethod = async (_inputArguments, _context) => status(StatusCodes.BadNotSupported);

/** Shelving is done in PlantBridge (timed with a reason and a maximum); the ShelvingState here only mirrors it. */
const refuseShelving: AsyncMethod = async (_inputArguments, _context) => status(StatusCodes.BadNotSupported);

/**
 * Routes condition method calls to the mirrored conditions. Clients call either the instance's own method node or
 * the type's (AcknowledgeableConditionType.Acknowledge with the condition as ObjectId); both land here.
 */
export class ConditionMethodRegistry {
  private readonly targets = new Map<string, ConditionMethodTarget>();
  private readonly originals = new Map<ConditionMethodName, CallbackMethod | undefined>();

  constructor(
    addressSpace: AddressSpace,
    private readonly log: Log,
  ) {
    // Binds ConditionRefresh (and node-opcua's condition methods on the types, replaced just below).
    addressSpace.installAlarmsAndConditionsService();
    const ackType = addressSpace.findEventType('AcknowledgeableConditionType');
    for (const name of ['Acknowledge', 'Confirm'] as const) {
      const method = ackType?.getMethodByName(name) ?? null;
      if (!method) continue;
      // node-opcua's own implementation still serves conditions that are not PlantBridge's (none today).
      this.originals.set(name, (method as unknown as { _asyncExecutionFunction?: CallbackMethod })._asyncExecutionFunction);
      method.bindMethod(this.handler(name));
    }
    const conditionType = addressSpace.findEventType('ConditionType');
    for (const name of ['Enable', 'Disable']) conditionType?.getMethodByName(name)?.bindMethod(refuseEnableDisable);
  }

  register(conditionNodeId: string, target: ConditionMethodTarget): void {
    this.targets.set(conditionNodeId, target);
  }

  unregister(conditionNodeId: string): void {
    this.targets.delete(conditionNodeId);
  }

  /** Binds the methods of one condition instance (its own Acknowledge, Confirm, Enable, Disable, shelving). */
  bindInstance(methods: Partial<Record<ConditionMethodName | 'Enable' | 'Disable', UAMethod | null>>, shelving: UAMethod[]): void {
    methods.Acknowledge?.bindMethod(this.handler('Acknowledge'));
    methods.Confirm?.bindMethod(this.handler('Confirm'));
    methods.Enable?.bindMethod(refuseEnableDisable);
    methods.Disable?.bindMethod(refuseEnableDisable);
    for (const m of shelving) m.bindMethod(refuseShelving);
  }

  private handler(name: ConditionMethodName): AsyncMethod {
    return async (inputArguments, context) => {
      const objectId = context.object?.nodeId.toString();
      const target = objectId === undefined ? undefined : this.targets.get(objectId);
      if (!target) return this.fallback(name, inputArguments, context);
      if (!mayOperateAlarms(context)) return status(StatusCodes.BadUserAccessDenied);
      const eventId = eventIdOf(inputArguments[0]);
      const comment = commentOf(inputArguments[1]);
      try {
        const code = name === 'Acknowledge' ? await target.acknowledge(eventId, comment, context) : await target.confirm(eventId, comment, context);
        return status(code);
      } catch (err) {
        this.log.error({ alarm: objectId, method: name, err: err instanceof Error ? err.message : String(err) }, 'bridge server: alarm method failed');
        return status(StatusCodes.BadInternalError);
      }
    };
  }

  private fallback(name: ConditionMethodName, inputArguments: Variant[], context: ISessionContext): Promise<CallMethodResultOptions> {
    const original = this.originals.get(name);
    if (!original) return Promise.resolve(status(StatusCodes.BadNodeIdInvalid));
    return new Promise((resolve) => {
      original(inputArguments, context, (err, result) => resolve(err ? status(StatusCodes.BadInternalError) : (result ?? status(StatusCodes.Good))));
    });
  }
}
