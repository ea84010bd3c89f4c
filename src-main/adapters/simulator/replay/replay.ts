// Headless replay: steps the same PlantModel at a fixed plant step, without OPC UA or timers, and hands out one
// TagBatch per step with every process signal, so days of plant time run in seconds and the same seed replays the
// same batches.
import type { TagBatch, TagSample } from '../../../contract/index.js';
import type { TagDef } from '../../../domain/tags.js';
import { signalKey } from '../catalog.js';
import type { FaultGroundTruth, FaultSchedule } from '../model/faults.js';
import { PlantModel } from '../model/plant-model.js';
import { seededOperatingSchedule, type OperatingChange } from './operating-schedule.js';
import { replayTagDefs, replayTagId } from './replay-tags.js';

export interface ReplayOptions {
  seed: number;
  /** Plant time of the start, ms since the Unix epoch. */
  startMs: number;
  /** Plant seconds to run. */
  durationSec: number;
  /** Plant seconds per batch (the sampling interval the bridge would see); default 5. */
  stepSec?: number;
  /** Default none: a healthy plant. */
  faults?: readonly FaultSchedule[];
  /** `seeded` (default): setpoint moves and stops drawn from the seed; `none`: steady operation; or a list. */
  operations?: 'seeded' | 'none' | readonly OperatingChange[];
}

export interface ReplayWriteRefusal {
  change: OperatingChange;
  status: string;
}

export class PlantReplay {
  readonly model: PlantModel;
  readonly tags: TagDef[] = replayTagDefs();
  readonly stepSec: number;
  readonly endMs: number;
  /** Operating changes the model refused (should stay empty; kept so a bad schedule is visible, not silent). */
  readonly refused: ReplayWriteRefusal[] = [];
  private readonly operations: readonly OperatingChange[];
  private nextOperation = 0;
  private readonly ids: string[];
  private readonly keys: string[];

  constructor(opts: ReplayOptions) {
    const stepSec = opts.stepSec ?? 5;
    if (!(stepSec > 0 && stepSec <= 60)) throw new Error(`replay stepSec must be > 0 and <= 60 (got ${stepSec})`);
    if (!(opts.durationSec > 0)) throw new Error(`replay durationSec must be > 0 (got ${opts.durationSec})`);
    this.stepSec = stepSec;
    this.model = new PlantModel({ seed: opts.seed, startMs: opts.startMs, faults: opts.faults ?? [] });
    this.endMs = opts.startMs + opts.durationSec * 1000;
    const ops = opts.operations ?? 'seeded';
    this.operations = ops === 'seeded' ? seededOperatingSchedule(opts.seed, opts.durationSec) : ops === 'none' ? [] : [...ops].sort((a, b) => a.atSec - b.atSec);
    this.ids = this.model.signals.map((s) => replayTagId(s));
    this.keys = this.model.signals.map((s) => signalKey(s));
  }

  get truths(): FaultGroundTruth[] {
    return this.model.truths();
  }

  /** Current plant time, ms epoch. */
  nowMs(): number {
    return Math.floor(this.model.nowMs());
  }

  get done(): boolean {
    return this.model.nowMs() >= this.endMs;
  }

  /** Advances one step and returns every process signal at the new plant time; null once the duration is over. */
  next(): TagBatch | null {
    if (this.done) return null;
    const target = this.model.elapsedSec + this.stepSec;
    // Operating changes land at their own plant second, between steps if need be.
    for (let op = this.operations[this.nextOperation]; op && op.atSec <= target; op = this.operations[this.nextOperation]) {
      if (op.atSec > this.model.elapsedSec) this.model.step(op.atSec - this.model.elapsedSec);
      const status = this.model.write(op.key, op.value);
      if (status !== 'Good') this.refused.push({ change: op, status });
      this.nextOperation++;
    }
    this.model.step(target - this.model.elapsedSec);
    const ts = this.nowMs();
    const samples: TagSample[] = new Array<TagSample>(this.ids.length);
    for (let i = 0; i < this.ids.length; i++) {
      samples[i] = { tagId: this.ids[i] as string, ts, value: this.model.read(this.keys[i] as string) ?? 0, quality: 'good' };
    }
    return { samples };
  }

  /** Every remaining batch. */
  *batches(): Generator<TagBatch> {
    for (let b = this.next(); b; b = this.next()) yield b;
  }
}
