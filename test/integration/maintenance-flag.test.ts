// The maintenance rule against the real simulator: its scheduled bearing fault on pump-101 must be flagged, with
// an explanation, before vibration reaches its alarm limit. Plant time runs 60× faster than the wall clock.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FlagDto, TagSample } from '../../src-main/contract/index.js';
import { startServe, type ServeProcess } from '../fixtures/serve-process.js';

const VIBRATION = 'demo-site/utilities/pump-101/vibration';
const VIBRATION_H = 7.1;

describe('predictive maintenance on the simulated plant', () => {
  let serve: ServeProcess;
  before(async () => {
    serve = await startServe({
      project: { simulator: { timeScale: 60, faultOnsetMinutes: 20, faultRampMinutes: 60, seed: 7 } },
    });
  });
  after(() => serve?.stop());

  it('flags the wearing bearing before vibration reaches its alarm limit, and says why', async () => {
    const get = async <T>(path: string) => (await (await fetch(new URL(path, serve.url))).json()) as T;
    const deadline = Date.now() + 150_000;
    let flag: FlagDto | undefined;
    let vibrationAtFlag: number | null = null;
    let peak = 0;
    while (!flag && Date.now() < deadline) {
      const [flags, snapshot] = await Promise.all([get<FlagDto[]>('/api/flags'), get<TagSample[]>('/api/snapshot')]);
      const v = snapshot.find((s) => s.tagId === VIBRATION)?.value;
      if (typeof v === 'number') peak = Math.max(peak, v);
      flag = flags.find((f) => f.asset === 'pump-101' && f.state === 'active');
      if (flag) vibrationAtFlag = typeof v === 'number' ? v : null;
      else await new Promise((r) => setTimeout(r, 500));
    }
    assert.ok(flag, `no flag within the fault ramp (peak vibration ${peak.toFixed(2)} mm/s)\n${serve.output().slice(-2000)}`);
    assert.ok(peak < VIBRATION_H, `flagged only after vibration reached ${peak} mm/s`);
    assert.ok(vibrationAtFlag !== null && vibrationAtFlag < VIBRATION_H);
    assert.ok(flag.tags.includes(VIBRATION));
    assert.match(flag.explanation, /pump-101/);
    assert.match(flag.explanation, /vibration/i);
    const evidence = flag.evidence.find((e) => e.tag === VIBRATION);
    assert.ok(evidence && evidence.slopePerHour > 0 && evidence.limit === VIBRATION_H, 'evidence shows a rising trend towards the limit');
    console.log(`# flagged at ${vibrationAtFlag?.toFixed(2)} mm/s (limit ${VIBRATION_H}): ${flag.explanation}`);
  });
});
