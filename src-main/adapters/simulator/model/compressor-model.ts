// Air compressor with load/unload control around a pressure setpoint: header pressure integrates supply minus
// demand, current follows loaded/unloaded state, discharge temperature is a first-order lag of current. Fouling
// (clogged intake filter, fouled aftercooler) makes loaded running harder and hotter while pressure still holds.
import { ambientTemperature, type AssetModel, type SignalValue } from './asset-model.js';
import { clamp, cycle, lag, noise, RandomWalk } from './dynamics.js';
import type { Random } from './prng.js';

/** Half-width of the load/unload band around the setpoint (bar). */
const BAND = 0.3;
/** Receiver pressure rise rate at full supply with no demand (bar/s). */
const RECEIVER_GAIN = 0.02;
/** Extra loaded current at fouling severity 1 (A). */
const FOULING_CURRENT = 10;
/**
 * Extra heat at fouling severity 1 (degC): healthy one-minute discharge temperature peaks near 88.6 degC, fouling's
 * extra current adds about 3.6 degC to a peak, so the peaks reach the 105 degC alarm at severity 1.
 */
const FOULING_HEAT = 105 - 88.6 - 0.45 * FOULING_CURRENT * 0.8;

export class CompressorModel implements AssetModel {
  readonly asset = 'compressor-201';
  running = true;
  pressureSetpoint = 7;
  /** Fouling severity from the fault schedule: 0 clean, 1 when discharge temperature reaches its alarm. */
  fouling = 0;
  private loaded = true;
  private pressure = 7;
  private current = 150;
  private temperature = 80;
  private readonly demandWalk: RandomWalk;

  constructor(private readonly rand: Random) {
    this.demandWalk = new RandomWalk(rand, 0.07, 200);
  }

  step(dtSec: number, plantSec: number): void {
    // Air demand as a fraction of compressor capacity: a slow production cycle plus random walk.
    const demand = clamp(0.55 + cycle(plantSec, 2400, 0.15, 1) + this.demandWalk.step(dtSec), 0.1, 0.95);
    if (!this.running) this.loaded = false;
    else if (this.pressure < this.pressureSetpoint - BAND) this.loaded = true;
    else if (this.pressure > this.pressureSetpoint + BAND) this.loaded = false;
    const supply = this.loaded ? 1 : 0;
    // Demand draws in proportion to header pressure, so a stopped compressor's header drains asymptotically.
    this.pressure = clamp(this.pressure + RECEIVER_GAIN * (supply - (demand * this.pressure) / 7) * dtSec, 0, 12);
    const target = !this.running ? 0 : this.loaded ? 150 + 8 * (this.pressure - 7) + FOULING_CURRENT * this.fouling : 55;
    this.current = clamp(lag(this.current, target, 2, dtSec) + (this.running ? noise(this.rand, 0.8) : 0), 0, 200);
    const ambient = ambientTemperature(plantSec) + 6;
    const foulingHeat = this.running ? FOULING_HEAT * this.fouling : 0;
    this.temperature = lag(this.temperature, ambient + 0.45 * this.current + foulingHeat, 240, dtSec);
  }

  read(signal: string): SignalValue | undefined {
    switch (signal) {
      case 'discharge-pressure': return this.pressure;
      case 'discharge-temperature': return this.temperature;
      case 'motor-current': return this.current;
      case 'running': return this.running;
      case 'pressure-setpoint': return this.pressureSetpoint;
      default: return undefined;
    }
  }

  write(signal: string, value: SignalValue): void {
    if (signal === 'running') this.running = value === true;
    else if (signal === 'pressure-setpoint') this.pressureSetpoint = Number(value);
  }
}
