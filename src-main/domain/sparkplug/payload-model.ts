// A library-neutral model of Sparkplug B payloads: the domain builds these, the adapter's codec encodes them.

/** Sparkplug B DataType codes (Payloads chapter, "Data Types"). Only the ones PlantBridge uses. */
export const SpType = {
  Int16: 2,
  Int32: 3,
  Int64: 4,
  UInt16: 6,
  UInt32: 7,
  Float: 9,
  Double: 10,
  Boolean: 11,
  String: 12,
} as const;
export type SpTypeCode = (typeof SpType)[keyof typeof SpType];

export type SpScalar = number | boolean | string | null;

export interface SpProperty {
  key: string;
  type: SpTypeCode;
  value: SpScalar;
}

export interface SpMetric {
  /** Births (and NDEATH) only: DATA messages carry the alias alone (tck-id-payloads-alias-data-cmd-requirement). */
  name?: string;
  alias?: number;
  /** UTC ms since the epoch. */
  timestamp: number;
  /** Selects the value field on the wire; sent as `datatype` only when `datatypeOnWire` (births, NDEATH). */
  type: SpTypeCode;
  datatypeOnWire: boolean;
  /** null is sent as is_null. */
  value: SpScalar;
  isHistorical?: boolean;
  properties?: SpProperty[];
}

export interface SpPayload {
  /** UTC ms at publish time. */
  timestamp: number;
  /** null for NDEATH (tck-id-payloads-ndeath-seq). */
  seq: number | null;
  metrics: SpMetric[];
}
