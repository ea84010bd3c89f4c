// Client writes on mirrored tags: node-opcua checks AccessLevel, role permissions and the data type; what passes is
// handed to the write gate, and the client gets the gate's answer. Nothing is ever answered Good before the gate.
import { AttributeIds, StatusCodes, WriteValue } from 'node-opcua';
import type { DataValue, ISessionContext, StatusCode, UAVariable, WriteValueOptions } from 'node-opcua';
import type { TagValue } from '../../../contract/index.js';
import type { Log, WriteGate } from '../../../services/ports.js';

export interface WriteCounters {
  accepted: number;
  rejected: number;
}

type StatusCallback = (err: Error | null, statusCode?: StatusCode) => void;

/** The gate's status name as a StatusCode; an unknown name is a generic Bad, never Good. */
export function statusCodeFromName(name: string): StatusCode {
  const known = (StatusCodes as unknown as Record<string, StatusCode | undefined>)[name];
  return known ?? StatusCodes.Bad;
}

function tagValueOf(dataValue: DataValue): TagValue {
  const v: unknown = dataValue.value.value;
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : null;
}

/**
 * The write path of one mirrored tag. node-opcua's setter gets no session, so the writing user is noted in
 * writeAttribute (keyed by the DataValue it passes on to the setter) and picked up by the setter.
 */
export class GatedWrite {
  private readonly writers = new WeakMap<DataValue, string>();

  constructor(
    private readonly tagId: string,
    private readonly gate: WriteGate,
    private readonly counters: WriteCounters,
    private readonly log: Log,
  ) {}

  /** `timestamped_set` for bindVariable: asks the gate and answers with its status. */
  readonly setter = (dataValue: DataValue, callback: StatusCallback): void => {
    const user = this.writers.get(dataValue);
    if (user === undefined) {
      // Not a client write that came through writeAttribute: nothing reaches the plant.
      callback(null, StatusCodes.BadUserAccessDenied);
      return;
    }
    this.writers.delete(dataValue);
    this.gate({ tag: this.tagId, value: tagValueOf(dataValue), user, via: 'opcua' }).then(
      (answer) => callback(null, statusCodeFromName(answer.status)),
      (err: unknown) => {
        this.log.error({ tag: this.tagId, err: err instanceof Error ? err.message : String(err) }, 'bridge server: write gate failed');
        callback(null, StatusCodes.BadInternalError);
      },
    );
  };

  /** Wraps the variable's writeAttribute: refuses status/timestamp writes, notes the user, counts outcomes. */
  attach(variable: UAVariable): void {
    const original = variable.writeAttribute.bind(variable) as (c: ISessionContext | null, w: WriteValue, cb: StatusCallback) => void;
    const wrapped = (context: ISessionContext | null, options: WriteValueOptions, callback: StatusCallback): void => {
      const writeValue = options instanceof WriteValue ? options : new WriteValue(options);
      const done: StatusCallback = (err, statusCode) => {
        if (!err && writeValue.attributeId === AttributeIds.Value) {
          if (statusCode && !statusCode.isGood()) this.counters.rejected++;
          else this.counters.accepted++;
        }
        callback(err, statusCode);
      };
      const dv = writeValue.value;
      if (writeValue.attributeId === AttributeIds.Value && dv) {
        // Status and timestamps of the mirror come from the plant; clients cannot set them (Part 4 §5.10.4).
        if (!dv.statusCode.isGood() || dv.sourceTimestamp || dv.serverTimestamp) {
          done(null, StatusCodes.BadWriteNotSupported);
          return;
        }
        this.writers.set(dv, context?.getUserName() ?? 'unknown');
      }
      original(context, writeValue, done);
    };
    (variable as unknown as { writeAttribute: typeof wrapped }).writeAttribute = wrapped;
  }
}
