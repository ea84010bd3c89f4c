// Public API of the built-in plant simulator. Everything else in this folder is private.
export { plantCatalog, simNodeId, SIM_SITE, LOAD_AREA, LOAD_TAGS_PER_ASSET, type CatalogSignal, type SignalKind } from './catalog.js';
export {
  defaultFaultSchedule, faultGroundTruth, faultProblem, faultTruth, validateFaults, FAULT_KINDS,
  type FaultGroundTruth, type FaultKind, type FaultLimit, type FaultSchedule, type FaultTruth,
} from './model/faults.js';
export { PlantModel, type PlantModelOptions, type WriteStatus } from './model/plant-model.js';
export { SIMULATION_NODE_IDS } from './address-space.js';
export { simulationFaultNodeId, SIMULATION_FAULT_FIELDS, type SimulationFaultField } from './address-space-faults.js';
export { startSimulator, DEFAULT_SEED } from './simulator.js';
export { startSimulatorWorker } from './worker-host.js';
export { runSimulateCommand, type SimulateCommandOptions } from './simulate-command.js';
export { findFreePort } from './free-port.js';
export type { RunningSimulator, SimulatorOptions } from './types.js';
export { PlantReplay, type ReplayOptions, type ReplayWriteRefusal } from './replay/replay.js';
export { seededOperatingSchedule, type OperatingChange } from './replay/operating-schedule.js';
export { replayTagDefs, replayTagId, REPLAY_SOURCE_ID } from './replay/replay-tags.js';
