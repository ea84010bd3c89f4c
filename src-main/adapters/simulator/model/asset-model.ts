// The shape every simulated asset shares, so the plant model can drive them uniformly.

export type SignalValue = number | boolean;

export interface AssetModel {
  readonly asset: string;
  /** Advances the asset by `dtSec` plant seconds; `plantSec` is the plant time since simulator start. */
  step(dtSec: number, plantSec: number): void;
  /** Current value of one of the asset's signals (catalog names); undefined for an unknown name. */
  read(signal: string): SignalValue | undefined;
  /** Applies an already validated setpoint or command. */
  write(signal: string, value: SignalValue): void;
}

/** Ambient temperature with a slow day cycle: what stopped machines cool down to. */
export function ambientTemperature(plantSec: number): number {
  return 24 + 3 * Math.sin((2 * Math.PI * plantSec) / 86400);
}
