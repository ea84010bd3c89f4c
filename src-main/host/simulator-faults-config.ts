// The project file's `simulator.faults` list: scheduled faults for the built-in simulator, validated with errors
// that name the field, and turned into the simulator's fault schedule.
import { z } from 'zod';
// The model module, not the simulator's index: validating a project file must not load node-opcua.
import { FAULT_KINDS, faultProblem, type FaultSchedule } from '../adapters/simulator/model/faults.js';

const nonNegative = z.number().min(0);

const faultEntry = z
  .strictObject({
    asset: z.string().min(1),
    kind: z.enum(FAULT_KINDS),
    onsetHours: nonNegative.optional(),
    onsetAfterSec: nonNegative.optional(),
    rampHours: z.number().positive().optional(),
    rampSec: z.number().positive().optional(),
    /** Sensor faults: the transmitter (signal name on the asset). */
    signal: z.string().min(1).optional(),
  })
  .superRefine((f, ctx) => {
    if ((f.onsetHours === undefined) === (f.onsetAfterSec === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['onsetHours'], message: 'give exactly one of onsetHours or onsetAfterSec' });
    }
    if (f.rampHours !== undefined && f.rampSec !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['rampHours'], message: 'give only one of rampHours or rampSec' });
    }
    if (f.kind !== 'stuck-sensor' && f.rampHours === undefined && f.rampSec === undefined) {
      ctx.addIssue({ code: 'custom', path: ['rampHours'], message: `fault '${f.kind}' needs rampHours or rampSec (onset to the alarm limit)` });
    }
    const problem = faultProblem(toSchedule(f));
    if (!problem || problem.field === 'onset' || problem.field === 'ramp') return;
    ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });

export const simulatorFaultsSchema = z.array(faultEntry).max(20);

export type SimulatorFaultConfig = z.output<typeof faultEntry>;

export function toSchedule(f: SimulatorFaultConfig): FaultSchedule {
  return {
    asset: f.asset,
    kind: f.kind,
    onsetAfterSec: f.onsetAfterSec ?? (f.onsetHours ?? 0) * 3600,
    rampSec: f.rampSec ?? (f.rampHours ?? 0) * 3600,
    ...(f.signal === undefined ? {} : { signal: f.signal }),
  };
}

/**
 * The simulator's schedule: `simulator.faults` when the project has it (an empty list is a healthy plant),
 * otherwise the classic demo (bearing wear on pump-101 after faultOnsetMinutes, tripping faultRampMinutes later).
 */
export function simulatorFaultSchedule(sim: {
  faults?: SimulatorFaultConfig[] | undefined;
  faultOnsetMinutes: number;
  faultRampMinutes: number;
}): FaultSchedule[] {
  if (sim.faults) return sim.faults.map(toSchedule);
  return [{ asset: 'pump-101', kind: 'bearing-wear', onsetAfterSec: sim.faultOnsetMinutes * 60, rampSec: sim.faultRampMinutes * 60 }];
}
