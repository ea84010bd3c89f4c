// Runs one seeded replay through the maintenance service: collects every flag the service raises (at the plant
// time it raised it) and, for a fault, when the primary signal was actually seen crossing its alarm limit.
// Model-level imports only: the simulator's index also loads node-opcua, which a headless replay does not need.
import { plantCatalog } from '../../src-main/adapters/simulator/catalog.js';
import type { FaultGroundTruth, FaultSchedule } from '../../src-main/adapters/simulator/model/faults.js';
import { PlantReplay } from '../../src-main/adapters/simulator/replay/replay.js';
import { replayTagId } from '../../src-main/adapters/simulator/replay/replay-tags.js';
import type { TagBatch } from '../../src-main/contract/index.js';
import { LimitCrossingWatch } from './limit-crossing.js';
import { MemoryFlagStore } from './memory-store.js';
import type { RaisedFlag } from './scoring.js';
import { CountingLog, createServiceUnderTest, PlantClock } from './service-under-test.js';

const AFTER_CROSSING_MS = 3_600_000;

export interface ReplayCase {
  seed: number;
  startMs: number;
  durationSec: number;
  stepSec: number;
  faults: FaultSchedule[];
}

export interface CaseResult {
  flags: RaisedFlag[];
  truth: FaultGroundTruth | null;
  observedLimitMs: number | null;
  batches: number;
  simulatedMs: number;
  warnings: number;
  errors: string[];
  refusedWrites: number;
}

function tagIdOf(asset: string, signal: string): string | null {
  const s = plantCatalog().find((c) => c.asset === asset && c.name === signal);
  return s ? replayTagId(s) : null;
}

function runningTagOf(asset: string): string | null {
  return tagIdOf(asset, 'running');
}

export async function runReplayCase(c: ReplayCase): Promise<CaseResult> {
  const replay = new PlantReplay({ seed: c.seed, startMs: c.startMs, durationSec: c.durationSec, stepSec: c.stepSec, faults: c.faults });
  const truth = replay.truths[0] ?? null;
  const clock = new PlantClock(c.startMs);
  const log = new CountingLog();
  const store = new MemoryFlagStore();
  const service = createServiceUnderTest(store, clock, log);
  const flags: RaisedFlag[] = [];
  const seen = new Set<string>();
  const sub = service.onChange((changed) => {
    for (const f of changed) {
      if (f.state !== 'active' || seen.has(f.id)) continue;
      seen.add(f.id);
      flags.push({ id: f.id, asset: f.asset, rule: f.rule, raisedAt: clock.now() });
    }
  });
  const primary = truth ? tagIdOf(truth.asset, truth.signal) : null;
  const watch = truth?.limit && primary
    ? new LimitCrossingWatch({ tagId: primary, runningTagId: runningTagOf(truth.asset), limit: truth.limit, fromMs: truth.onsetMs })
    : null;
  await service.start();
  service.setTags(replay.tags);
  let batches = 0;
  let batch: TagBatch | null;
  while ((batch = replay.next()) !== null) {
    clock.ms = batch.samples[0]?.ts ?? clock.ms;
    // Nothing after the limit crossing is scored (beyond showing late flags): stop an hour after it.
    const crossed = watch?.crossedAt ?? null;
    if (crossed !== null && clock.ms > crossed + AFTER_CROSSING_MS) break;
    service.ingest(batch);
    watch?.add(batch);
    batches++;
  }
  await service.stop();
  sub.dispose();
  return {
    flags,
    truth,
    observedLimitMs: watch?.crossedAt ?? null,
    batches,
    simulatedMs: clock.ms - c.startMs,
    warnings: log.warnings,
    errors: log.lastErrors,
    refusedWrites: replay.refused.length,
  };
}
