// Ground truth of every scheduled fault under Objects/Simulation/Faults/Fault<i>: kind, asset, signal, onset, the
// alarm limit it drives the signal across and when, so a client can score analytics against the simulator.
import { AccessLevelFlag, DataType, type Namespace, type UAObject, type UAVariable } from 'node-opcua';
import type { PlantModel } from './model/plant-model.js';

/** OPC UA's "null" DateTime, used where a fault has no such time. */
const NULL_DATE = new Date(Date.UTC(1601, 0, 1));

export const SIMULATION_FAULT_FIELDS = [
  'Kind', 'Asset', 'Signal', 'OnsetTime', 'LimitAlarm', 'LimitLevel', 'ExpectedLimitTime', 'ExpectedTripTime', 'Active',
] as const;
export type SimulationFaultField = (typeof SIMULATION_FAULT_FIELDS)[number];

/** `ns=1;s=Simulation.Faults.<index>.<Field>` (index from 0, in schedule order). */
export function simulationFaultNodeId(index: number, field: SimulationFaultField): string {
  return `ns=1;s=Simulation.Faults.${index}.${field}`;
}

/** Adds the Faults folder; returns the `Active` variables, aligned with the schedule, for the tick to update. */
export function addFaultTruthNodes(ns: Namespace, simulation: UAObject, model: PlantModel): UAVariable[] {
  const folder = ns.addFolder(simulation, { browseName: 'Faults', nodeId: 's=Simulation.Faults' });
  ns.addVariable({
    componentOf: folder,
    browseName: 'Count',
    nodeId: 's=Simulation.Faults.Count',
    dataType: DataType.UInt32,
    description: 'Number of scheduled faults',
    accessLevel: AccessLevelFlag.CurrentRead,
    userAccessLevel: AccessLevelFlag.CurrentRead,
    value: { dataType: DataType.UInt32, value: model.faults.length },
  });
  const date = (ms: number | null): Date => (ms === null ? NULL_DATE : new Date(ms));
  return model.truths().map((t, i) => {
    const obj = ns.addObject({ organizedBy: folder, browseName: `Fault${i}`, nodeId: `s=Simulation.Faults.${i}` });
    const add = (field: SimulationFaultField, dataType: DataType, value: unknown, description: string): UAVariable =>
      ns.addVariable({
        componentOf: obj,
        browseName: field,
        nodeId: `s=${simulationFaultNodeId(i, field).slice('ns=1;s='.length)}`,
        dataType,
        description,
        accessLevel: AccessLevelFlag.CurrentRead,
        userAccessLevel: AccessLevelFlag.CurrentRead,
        minimumSamplingInterval: 0,
        value: { dataType, value },
      });
    add('Kind', DataType.String, t.kind, 'Fault kind (ground truth)');
    add('Asset', DataType.String, t.asset, 'Asset the fault is on');
    add('Signal', DataType.String, t.signal, 'The signal that shows it first (catalog name on the asset)');
    add('OnsetTime', DataType.DateTime, date(t.onsetMs), 'Plant time the fault begins');
    add('LimitAlarm', DataType.String, t.limit?.alarm ?? '', 'Alarm limit the signal is driven across (H or L), empty when none');
    add('LimitLevel', DataType.Double, t.limit?.level ?? Number.NaN, 'Level of that limit (NaN when none)');
    add('ExpectedLimitTime', DataType.DateTime, date(t.expectedLimitMs), 'Plant time the signal crosses the limit at the default operating point');
    add('ExpectedTripTime', DataType.DateTime, date(t.expectedTripMs), 'Plant time the fault reaches full severity');
    return add('Active', DataType.Boolean, false, 'True once the fault has begun');
  });
}
