// Engineering units for AnalogItemType: the tag's unit text mapped to a UNECE Rec. 20 common code where one is known.
import { makeEUInformation, standardUnits } from 'node-opcua';

/** Plain EUInformation fields (node-opcua's class is not exported at run time from the ESM entry). */
export interface EuInformationFields {
  namespaceUri: string;
  unitId: number;
  displayName: { text: string };
  description: { text: string };
}

export const UNECE_NAMESPACE = 'http://www.opcfoundation.org/UA/units/un/cefact';

/** OPC UA Part 8 §5.6.3: unitId -1 means "no UNECE code"; clients then show the displayName. */
const NO_UNECE_CODE = -1;

/** Units the plant uses that node-opcua's table lacks or spells differently: symbol → [UNECE code, description]. */
const EXTRA_UNITS: Record<string, [string, string]> = {
  'mm/s': ['C16', 'millimetre per second'],
  'l/min': ['L2', 'litre per minute'],
  'l/h': ['E32', 'litre per hour'],
  'm3/h': ['MQH', 'cubic metre per hour'],
  kWh: ['KWH', 'kilowatt hour'],
  rpm: ['RPM', 'revolutions per minute'],
  degC: ['CEL', 'degree Celsius'],
  'kg/h': ['E93', 'kilogram per hour'],
  't/h': ['E18', 'tonne per hour'],
  mA: ['4K', 'milliampere'],
  ppm: ['59', 'part per million'],
};

function fields(symbol: string, code: string, description: string): EuInformationFields {
  const eu = makeEUInformation(code, symbol, description);
  return { namespaceUri: UNECE_NAMESPACE, unitId: eu.unitId, displayName: { text: symbol }, description: { text: description } };
}

function buildTable(): Map<string, EuInformationFields> {
  const table = new Map<string, EuInformationFields>();
  for (const eu of Object.values(standardUnits)) {
    const symbol = eu.displayName.text;
    if (!symbol || table.has(symbol)) continue;
    table.set(symbol, {
      namespaceUri: UNECE_NAMESPACE,
      unitId: eu.unitId,
      displayName: { text: symbol },
      description: { text: eu.description.text ?? symbol },
    });
  }
  for (const [symbol, [code, description]] of Object.entries(EXTRA_UNITS)) {
    if (!table.has(symbol)) table.set(symbol, fields(symbol, code, description));
  }
  return table;
}

let table: Map<string, EuInformationFields> | null = null;

/** EUInformation for a unit text such as `m³/h`, `bar`, `°C`; unknown units keep their text with unitId -1. */
export function euInformationFor(unit: string): EuInformationFields {
  table ??= buildTable();
  const symbol = unit.trim();
  const known = table.get(symbol);
  if (known) return known;
  return { namespaceUri: UNECE_NAMESPACE, unitId: NO_UNECE_CODE, displayName: { text: symbol }, description: { text: symbol } };
}
