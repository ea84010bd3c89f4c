// The latest value of one mirrored tag, as the bridge server hands it to readers and samplers.
//
// update() only stores the sample (a few field writes); the DataValue is built when someone reads or samples the
// node. At 30,000 changes/s most samples are never read by any client, so building a DataValue (and emitting
// node-opcua's value_changed machinery) per sample would be wasted work: see test/unit/bridge-server/update-cost.
import { DataType, DataValue, StatusCodes, Variant } from 'node-opcua';
import type { StatusCode } from 'node-opcua';
import type { Quality, TagDataType, TagSample, TagValue } from '../../../contract/index.js';

export const OPCUA_DATA_TYPE: Record<TagDataType, DataType> = {
  Double: DataType.Double,
  Float: DataType.Float,
  Int32: DataType.Int32,
  UInt32: DataType.UInt32,
  Int16: DataType.Int16,
  UInt16: DataType.UInt16,
  Boolean: DataType.Boolean,
  String: DataType.String,
};

/**
 * Quality → StatusCode. `stale` (source disconnected, last known value) is UncertainLastUsableValue: Part 8 defines it
 * as "whatever was updating this value has stopped doing so", clients keep showing the value but mark it not live,
 * which is what an operator needs; BadNoCommunication would make most HMIs blank the value entirely.
 */
export function statusForQuality(quality: Quality): StatusCode {
  switch (quality) {
    case 'good':
      return StatusCodes.Good;
    case 'uncertain':
      return StatusCodes.Uncertain;
    case 'bad':
      return StatusCodes.Bad;
    case 'stale':
      return StatusCodes.UncertainLastUsableValue;
  }
}

const INT_RANGES: Partial<Record<TagDataType, [number, number]>> = {
  Int16: [-32768, 32767],
  UInt16: [0, 65535],
  Int32: [-2147483648, 2147483647],
  UInt32: [0, 4294967295],
};

/** The tag value as a Variant of the node's DataType, or null when it cannot be represented there. */
export function variantFor(dataType: TagDataType, value: TagValue): Variant | null {
  if (value === null) return null;
  const type = OPCUA_DATA_TYPE[dataType];
  switch (dataType) {
    case 'Boolean':
      if (typeof value === 'boolean') return new Variant({ dataType: type, value });
      if (typeof value === 'number') return new Variant({ dataType: type, value: value !== 0 });
      return null;
    case 'String':
      return new Variant({ dataType: type, value: String(value) });
    case 'Double':
    case 'Float': {
      const n = typeof value === 'boolean' ? Number(value) : value;
      return typeof n === 'number' ? new Variant({ dataType: type, value: n }) : null;
    }
    default: {
      const n = typeof value === 'boolean' ? Number(value) : value;
      const range = INT_RANGES[dataType];
      if (typeof n !== 'number' || !Number.isInteger(n) || !range || n < range[0] || n > range[1]) return null;
      return new Variant({ dataType: type, value: n });
    }
  }
}

const NULL_VARIANT = new Variant({ dataType: DataType.Null });

export function dataValueFor(dataType: TagDataType, sample: TagSample): DataValue {
  const variant = variantFor(dataType, sample.value);
  const sourceTimestamp = new Date(sample.ts);
  if (!variant) {
    // No value (bad sample), or one the node's type cannot carry: a Bad status, never a made-up number.
    const statusCode = sample.value !== null ? StatusCodes.BadTypeMismatch : sample.quality === 'bad' ? StatusCodes.Bad : StatusCodes.BadNoDataAvailable;
    return new DataValue({ value: NULL_VARIANT, statusCode, sourceTimestamp, serverTimestamp: new Date() });
  }
  return new DataValue({ value: variant, statusCode: statusForQuality(sample.quality), sourceTimestamp, serverTimestamp: new Date() });
}

/** One tag's latest sample with a lazily built DataValue. */
export class LiveValue {
  private sample: TagSample | null = null;
  private cached: DataValue;

  constructor(private readonly dataType: TagDataType) {
    this.cached = new DataValue({ value: NULL_VARIANT, statusCode: StatusCodes.BadWaitingForInitialData });
  }

  set(sample: TagSample): void {
    this.sample = sample;
  }

  /** The DataValue for the latest sample; the same object until the next set(), so node-opcua sees no change. */
  get(): DataValue {
    const sample = this.sample;
    if (sample) {
      this.sample = null;
      this.cached = dataValueFor(this.dataType, sample);
    }
    return this.cached;
  }
}
