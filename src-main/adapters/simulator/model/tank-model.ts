// Buffer tank under PI level control: the controller moves the fill valve, outflow is the process demand.
import type { AssetModel, SignalValue } from './asset-model.js';
import { clamp, cycle, lag, noise, RandomWalk } from './dynamics.js';
import type { Random } from './prng.js';

const VOLUME_M3 = 40;
const VALVE_CAPACITY_M3H = 60;
/** PI tuning: about 0.7 damping for this integrating process (see the design note in the simulator README). */
const KP = 8;
const TI_SEC = 600;

export class TankModel implements AssetModel {
  readonly asset = 'tank-301';
  levelSetpoint = 50;
  private level = 50;
  private valve: number;
  private valveCommand: number;
  private integral: number;
  private inflow: number;
  private outflow: number;
  private readonly demandWalk: RandomWalk;

  constructor(private readonly rand: Random) {
    this.demandWalk = new RandomWalk(rand, 2.5, 180);
    this.outflow = 25;
    this.inflow = 25;
    // Start in balance: the integral term already holds the valve where inflow matches demand.
    this.valveCommand = (this.outflow / VALVE_CAPACITY_M3H) * 100;
    this.valve = this.valveCommand;
    this.integral = (this.valveCommand * TI_SEC) / KP;
  }

  step(dtSec: number, plantSec: number): void {
    if (dtSec <= 0) return;
    this.outflow = clamp(25 + cycle(plantSec, 1200, 6) + this.demandWalk.step(dtSec), 0, 60);
    const error = this.levelSetpoint - this.level;
    const unclamped = KP * (error + this.integral / TI_SEC);
    this.valveCommand = clamp(unclamped, 0, 100);
    // Anti-windup: integrate only while the output is not saturated in the direction of the error.
    if (unclamped === this.valveCommand || Math.sign(error) !== Math.sign(unclamped - this.valveCommand)) {
      this.integral += error * dtSec;
    }
    this.valve = lag(this.valve, this.valveCommand, 5, dtSec);
    this.inflow = clamp((VALVE_CAPACITY_M3H * this.valve) / 100 + noise(this.rand, 0.2), 0, 60);
    const levelRate = ((this.inflow - this.outflow) / 3600 / VOLUME_M3) * 100;
    this.level = clamp(this.level + levelRate * dtSec, 0, 100);
  }

  read(signal: string): SignalValue | undefined {
    switch (signal) {
      case 'level': return this.level;
      case 'inflow': return this.inflow;
      case 'outflow': return this.outflow;
      case 'valve-position': return this.valve;
      case 'level-setpoint': return this.levelSetpoint;
      default: return undefined;
    }
  }

  write(signal: string, value: SignalValue): void {
    if (signal === 'level-setpoint') this.levelSetpoint = Number(value);
  }
}
