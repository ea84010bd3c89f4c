// Centrifugal pump on a variable speed drive: flow ~ speed, pressure ~ flow², current ~ hydraulic load,
// bearing temperature a first-order lag of current, vibration ~ speed; bearing wear adds accelerating drift,
// cavitation cuts and roughens flow and head and adds broadband vibration.
import { PUMP_BEARING_TEMP_TRIP, PUMP_FLOW_LOW, PUMP_VIBRATION_ALERT, PUMP_VIBRATION_TRIP } from '../catalog.js';
import { ambientTemperature, type AssetModel, type SignalValue } from './asset-model.js';
import { clamp, cycle, lag, noise, RandomWalk } from './dynamics.js';
import type { Random } from './prng.js';

/** The default operating point; the fault ground truth (expected trip time) is calibrated for it. */
export const PUMP_NOMINAL_SPEED = 80;
const NOMINAL_VIBRATION = 0.4 + 2.4 * (PUMP_NOMINAL_SPEED / 100);
const NOMINAL_BEARING_TEMP = 49;
/** Wear amplitudes at severity 1: the noise-free signals reach their trip levels (plus a little lag margin) at the expected trip. */
const WEAR_VIBRATION = PUMP_VIBRATION_TRIP - NOMINAL_VIBRATION + 0.2;
const WEAR_TEMPERATURE = PUMP_BEARING_TEMP_TRIP - NOMINAL_BEARING_TEMP + 5;
/** Wear severity (progress²) at which noise-free vibration crosses the 7.1 mm/s alert: progress = its square root. */
export const BEARING_WEAR_LIMIT_FRACTION = Math.sqrt((PUMP_VIBRATION_ALERT - NOMINAL_VIBRATION) / WEAR_VIBRATION);
const NOMINAL_FLOW = 125 * (PUMP_NOMINAL_SPEED / 100);
/** Healthy one-minute flow dips to about 89 % of nominal (system demand cycle and random walk). */
const FLOW_LOW_ENVELOPE = 0.89;
/** Flow lost at cavitation severity 1: the low flow envelope reaches the L alarm (40 m3/h) there. */
const CAVITATION_FLOW_DROP = 1 - PUMP_FLOW_LOW / (NOMINAL_FLOW * FLOW_LOW_ENVELOPE);

export class PumpModel implements AssetModel {
  readonly asset = 'pump-101';
  running = true;
  speedSetpoint = PUMP_NOMINAL_SPEED;
  /** Bearing wear severity from the fault schedule: 0 healthy, 1 at the expected trip. */
  wear = 0;
  /** Cavitation severity from the fault schedule: 0 healthy, 1 when flow reaches its low alarm. */
  cavitation = 0;
  private speed = PUMP_NOMINAL_SPEED;
  private flow = 0;
  private pressure = 0;
  private current = 0;
  private bearingTemp = NOMINAL_BEARING_TEMP;
  private wearHeat = 0;
  private bearingMeasured = NOMINAL_BEARING_TEMP;
  private vibration = NOMINAL_VIBRATION;
  private readonly system: RandomWalk;

  constructor(private readonly rand: Random) {
    this.system = new RandomWalk(rand, 0.03, 300);
    this.step(0, 0);
  }

  step(dtSec: number, plantSec: number): void {
    const target = this.running ? this.speedSetpoint : 0;
    this.speed = lag(this.speed, target, this.running ? 3 : 1.5, dtSec);
    // A stopped pump coasts down and comes to rest; no creeping flow from an exponential tail.
    if (!this.running && this.speed < 2) this.speed = 0;
    const s = this.speed / 100;
    const turning = s > 0.01;
    // System resistance varies with the plant's cooling demand: slow cycle plus a random walk.
    const opening = 1 + cycle(plantSec, 1800, 0.06) + this.system.step(dtSec);
    const cav = turning ? this.cavitation : 0;
    const healthyFlow = 125 * s * opening;
    // Vapour bubbles choke the impeller: less flow, less head, both fluctuating.
    this.flow = turning ? clamp(healthyFlow * (1 - CAVITATION_FLOW_DROP * cav) + noise(this.rand, 0.6 * s + 4 * cav), 0, 150) : 0;
    this.pressure = turning ? clamp(0.00045 * this.flow * this.flow + 0.15 * s + noise(this.rand, 0.03 * s + 0.25 * cav), 0, 10) : 0;
    // A cavitating pump still churns most of its design power: current falls only slightly.
    const hydraulic = cav > 0 ? healthyFlow * (0.00045 * healthyFlow * healthyFlow + 0.15 * s) * (1 - 0.1 * Math.min(cav, 1.5)) : this.flow * this.pressure;
    const load = this.running ? 7 + 0.045 * hydraulic + 3 * this.wear * s : 0;
    // dtSec 0 is the constructor's settle step: start at steady state rather than warming up from cold.
    if (dtSec === 0) this.current = load;
    this.current = clamp(lag(this.current, load, 1, dtSec) + (this.running ? noise(this.rand, 0.25) : 0), 0, 60);
    const ambient = ambientTemperature(plantSec);
    const heatTarget = ambient + 0.9 * Math.max(this.current, 0);
    this.bearingTemp = lag(this.bearingTemp, heatTarget, 600, dtSec);
    // Friction heat of a worn bearing builds close to the sensor, so it lags far less than motor-load heat.
    this.wearHeat = lag(this.wearHeat, WEAR_TEMPERATURE * this.wear * (s / (PUMP_NOMINAL_SPEED / 100)), 120, dtSec);
    if (dtSec === 0) this.bearingTemp = heatTarget;
    this.bearingMeasured = clamp(this.bearingTemp + this.wearHeat + noise(this.rand, 0.1), 0, 120);
    const baseVib = turning ? 0.4 + 2.4 * s : 0.02;
    const wearVib = WEAR_VIBRATION * this.wear * (s / (PUMP_NOMINAL_SPEED / 100));
    const vibNoise = noise(this.rand, (0.06 + 0.25 * this.wear + 0.5 * cav) * (turning ? 1 : 0.2));
    this.vibration = clamp(baseVib + wearVib + vibNoise, 0, 20);
  }

  read(signal: string): SignalValue | undefined {
    switch (signal) {
      case 'flow': return this.flow;
      case 'discharge-pressure': return this.pressure;
      case 'motor-current': return this.current;
      case 'bearing-temperature': return this.bearingMeasured;
      case 'vibration': return this.vibration;
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
