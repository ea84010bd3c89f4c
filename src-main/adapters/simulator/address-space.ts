// Builds Objects/Plant/<site>/<area>/<asset>/<signal> and the Simulation ground-truth folder in a node-opcua server.
import {
  AccessLevelFlag,
  DataType,
  makeEUInformation,
  standardUnits,
  StatusCodes,
  Variant,
  type EUInformation,
  type Namespace,
  type OPCUAServer,
  type UAObject,
  type UAVariable,
} from 'node-opcua';
import { addFaultTruthNodes } from './address-space-faults.js';
import { loadTagSignal, SIM_SITE, signalKey, type CatalogSignal } from './catalog.js';
import type { PlantModel } from './model/plant-model.js';

/** Ground-truth variables, under Objects/Simulation. */
export const SIMULATION_NODE_IDS = {
  seed: 'ns=1;s=Simulation.Seed',
  timeScale: 'ns=1;s=Simulation.TimeScale',
  plantTime: 'ns=1;s=Simulation.PlantTime',
  faultKind: 'ns=1;s=Simulation.FaultKind',
  faultAsset: 'ns=1;s=Simulation.FaultAsset',
  faultOnsetTime: 'ns=1;s=Simulation.FaultOnsetTime',
  expectedTripTime: 'ns=1;s=Simulation.ExpectedTripTime',
  faultActive: 'ns=1;s=Simulation.FaultActive',
} as const;

/** OPC UA's "null" DateTime, used when no fault is scheduled. */
const NULL_DATE = new Date(Date.UTC(1601, 0, 1));

export interface PlantNodes {
  /** Read-only process variables, updated from the model every tick (aligned with `readOnlySignals`). */
  readOnly: UAVariable[];
  readOnlySignals: CatalogSignal[];
  /** Load-test counters, aligned with the counter array. */
  load: UAVariable[];
  plantTime: UAVariable;
  faultActive: UAVariable;
  /** `Simulation/Faults/Fault<i>/Active`, aligned with the fault schedule. */
  faultsActive: UAVariable[];
}

const unitTable: Record<string, EUInformation> = {
  'm3/h': standardUnits.cubic_metre_per_hour,
  bar: standardUnits.bar,
  A: standardUnits.ampere,
  degC: standardUnits.degree_celsius,
  '%': standardUnits.percent,
  'm/s': standardUnits.metre_per_second,
  'mm/s': makeEUInformation('C16', 'mm/s', 'millimetre per second'),
};

/** The string part of a catalog node id (`ns=1;s=<this>`). */
function stringId(nodeId: string): string {
  return nodeId.slice(nodeId.indexOf(';s=') + 3);
}

export function buildPlantAddressSpace(server: OPCUAServer, model: PlantModel, extraTags: number, timeScale: number): PlantNodes {
  const addressSpace = server.engine.addressSpace;
  if (!addressSpace) throw new Error('simulator address space is not initialised');
  const ns = addressSpace.getOwnNamespace();
  const plant = ns.addFolder(addressSpace.rootFolder.objects, { browseName: 'Plant', nodeId: 's=Plant' });
  const site = ns.addFolder(plant, { browseName: SIM_SITE, nodeId: `s=${SIM_SITE}` });
  const areas = new Map<string, UAObject>();
  const assets = new Map<string, UAObject>();
  const assetOf = (s: CatalogSignal): UAObject => {
    const assetId = `${s.site}.${s.area}.${s.asset}`;
    let asset = assets.get(assetId);
    if (asset) return asset;
    let area = areas.get(s.area);
    if (!area) {
      area = ns.addFolder(site, { browseName: s.area, nodeId: `s=${s.site}.${s.area}` });
      areas.set(s.area, area);
    }
    asset = ns.addObject({ organizedBy: area, browseName: s.asset, nodeId: `s=${assetId}` });
    assets.set(assetId, asset);
    return asset;
  };

  const nodes: PlantNodes = { readOnly: [], readOnlySignals: [], load: [], plantTime: undefined as never, faultActive: undefined as never, faultsActive: [] };
  for (const s of model.signals) {
    const v = addSignal(ns, assetOf(s), s, model);
    if (!s.writable) {
      nodes.readOnly.push(v);
      nodes.readOnlySignals.push(s);
    }
  }
  for (let i = 0; i < extraTags; i++) nodes.load.push(addSignal(ns, assetOf(loadTagSignal(i)), loadTagSignal(i), null));

  const sim = ns.addFolder(addressSpace.rootFolder.objects, { browseName: 'Simulation', nodeId: 's=Simulation' });
  const truth = model.truth();
  const constant = (key: keyof typeof SIMULATION_NODE_IDS, dataType: DataType, value: unknown, description: string): UAVariable =>
    ns.addVariable({
      componentOf: sim,
      browseName: key.charAt(0).toUpperCase() + key.slice(1),
      nodeId: `s=${stringId(SIMULATION_NODE_IDS[key])}`,
      dataType,
      description,
      accessLevel: AccessLevelFlag.CurrentRead,
      userAccessLevel: AccessLevelFlag.CurrentRead,
      minimumSamplingInterval: 0,
      value: { dataType, value },
    });
  constant('seed', DataType.UInt32, model.seed, 'Seed of the simulation: the same seed replays the same plant');
  constant('timeScale', DataType.Double, timeScale, 'Plant seconds per wall-clock second');
  nodes.plantTime = constant('plantTime', DataType.DateTime, new Date(model.nowMs()), 'Current plant time (source timestamps use it)');
  constant('faultKind', DataType.String, truth.kind, 'Kind of the scheduled fault (ground truth), or none');
  constant('faultAsset', DataType.String, truth.asset, 'Asset of the scheduled fault (ground truth)');
  constant('faultOnsetTime', DataType.DateTime, truth.onsetMs === null ? NULL_DATE : new Date(truth.onsetMs), 'Plant time the fault begins');
  constant('expectedTripTime', DataType.DateTime, truth.expectedTripMs === null ? NULL_DATE : new Date(truth.expectedTripMs),
    'Plant time the drifting signals cross their trip levels at the default operating point');
  nodes.faultActive = constant('faultActive', DataType.Boolean, model.faultActive(), 'True once the scheduled fault has begun');
  nodes.faultsActive = addFaultTruthNodes(ns, sim, model);
  return nodes;
}

function addSignal(ns: Namespace, asset: UAObject, s: CatalogSignal, model: PlantModel | null): UAVariable {
  const accessLevel = s.writable ? AccessLevelFlag.CurrentRead | AccessLevelFlag.CurrentWrite : AccessLevelFlag.CurrentRead;
  const dataType = s.dataType === 'Boolean' ? DataType.Boolean : DataType.Double;
  const key = signalKey(s);
  const initial = model?.read(key) ?? (s.dataType === 'Boolean' ? false : 0);
  // Writable signals read through to the model and validate writes there; read-only ones are pushed with
  // setValueFromSource each tick, which reports changes to monitored items without a sampling timer per item.
  const value = model && s.writable
    ? {
        get: () => new Variant({ dataType, value: model.read(key) }),
        set: (variant: Variant) => StatusCodes[model.write(key, variant.value)],
      }
    : { dataType, value: initial };
  const common = {
    componentOf: asset,
    browseName: s.name,
    nodeId: `s=${stringId(s.nodeId)}`,
    description: s.description,
    accessLevel,
    userAccessLevel: accessLevel,
    // 0: exception-based; changes are pushed (read-only) or reported after a write (setpoints).
    minimumSamplingInterval: s.writable ? 100 : 0,
    value,
  };
  if (s.dataType === 'Double' && s.euRange) {
    return ns.addAnalogDataItem({
      ...common,
      dataType: 'Double',
      engineeringUnitsRange: s.euRange,
      engineeringUnits: unitTable[s.unit] ?? makeEUInformation('', s.unit, s.unit),
    });
  }
  return ns.addVariable({ ...common, dataType: s.dataType });
}
