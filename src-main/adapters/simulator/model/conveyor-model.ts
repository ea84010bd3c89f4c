// Conveyor drive: belt speed follows the setpoint, current ~ speed and product load, motor temperature a slow lag.
import { ambientTemperature, type AssetModel, type SignalValue } from './asset-model.js';
import { clamp, cycle, lag, noise, RandomWalk } from './dynamics.js';
import type { Random } from './prng.js';

export class ConveyorModel implements AssetModel {
  readonly asset = 'conveyor-401';
  running = true;
  speedSetpoint = 1.5;
  private speed = 1.5;
  private current = 12;
  private temperature = 63;
  private readonly loadWalk: RandomWalk;

  constructor(private readonly rand: Random) {
    this.loadWalk = new RandomWalk(rand, 0.1, 60);
  }

  step(dtSec: number, plantSec: number): void {
    const target = this.running ? this.speedSetpoint : 0;
    this.speed = clamp(lag(this.speed, target, this.running ? 2 : 1.5, dtSec) + (this.speed > 0.05 ? noise(this.rand, 0.005) : 0), 0, 3);
    // Product on the belt: shift pattern plus random arrivals.
    const load = clamp(0.5 + cycle(plantSec, 900, 0.2) + this.loadWalk.step(dtSec), 0, 1);
    const draw = this.running ? 2.5 + 4 * this.speed + (7 * load * this.speed) / 1.5 : 0;
    this.current = clamp(lag(this.current, draw, 0.5, dtSec) + (this.running ? noise(this.rand, 0.15) : 0), 0, 30);
    this.temperature = lag(this.temperature, ambientTemperature(plantSec) + 3.2 * this.current, 900, dtSec);
  }

  read(signal: string): SignalValue | undefined {
    switch (signal) {
      case 'speed': return this.speed;
      case 'motor-current': return this.current;
      case 'motor-temperature': return this.temperature;
      case 'running': return this.running;
      case 'speed-setpoint': return this.speedSetpoint;
      default: return undefined;
    }
  }

  write(signal: string, value: SignalValue): void {
    if (signal === 'running') this.running = value === true;
    else if (signal === 'speed-setpoint') this.speedSetpoint = Number(value);
  }
}
