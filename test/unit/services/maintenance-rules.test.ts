// The multi-signal rules through the maintenance service, on the simulator's real plant model with the fault
// signatures of the PdM evaluation overlaid (1-day ramps, onset after 8 healthy hours), and on a healthy plant.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CROSSING, DAY, HOUR, runPlant, T0, type OverlayKind } from './maintenance-plant.js';

const ONSET = T0 + 8 * HOUR;
const RAMP = DAY;

const cases: { kind: OverlayKind; asset: string; tag: string }[] = [
  { kind: 'cavitation', asset: 'pump-101', tag: 'demo-site/utilities/pump-101/flow' },
  { kind: 'fouling', asset: 'compressor-201', tag: 'demo-site/utilities/compressor-201/discharge-temperature' },
  { kind: 'sensor-drift', asset: 'pump-101', tag: 'demo-site/utilities/pump-101/bearing-temperature' },
  { kind: 'stuck-sensor', asset: 'compressor-201', tag: 'demo-site/utilities/compressor-201/discharge-pressure' },
];

describe('maintenance rules on the simulated plant', () => {
  for (const c of cases) {
    it(`flags ${c.kind} on ${c.asset} after onset, before the limit, with the right rule`, async (t) => {
      const run = await runPlant({ seed: 1, days: 1.5, overlay: { kind: c.kind, onsetMs: ONSET, rampMs: RAMP } });
      const raised = run.changes.filter((f) => f.state === 'active');
      const first = raised[0];
      assert.ok(first, `${c.kind}: no flag`);
      assert.deepEqual([...new Set(raised.map((f) => `${f.rule}@${f.asset}`))], [`${c.kind}@${c.asset}`], 'only the right rule on the right asset');
      assert.ok(first.startedAt > ONSET, `${c.kind}: flagged before the onset`);
      assert.ok(first.tags.includes(c.tag), `${c.kind}: tags ${first.tags.join(', ')}`);
      assert.ok(first.explanation.includes(c.asset));
      assert.ok(first.evidence.some((e) => e.tag === c.tag), 'evidence for the primary tag');
      const crossing = CROSSING[c.kind];
      if (crossing !== null) {
        const limitAt = ONSET + crossing * RAMP;
        const lead = (limitAt - first.startedAt) / (limitAt - ONSET);
        t.diagnostic(`${c.kind}: flagged ${((first.startedAt - ONSET) / HOUR).toFixed(1)} h after onset, lead ${(lead * 100).toFixed(0)} % of onset→limit`);
        assert.ok(lead >= 0.4, `${c.kind}: lead only ${(lead * 100).toFixed(0)} %`);
        assert.ok(first.limitEta !== null && first.limitEtaRange !== null, 'an ETA with a range');
        assert.ok(first.limitEtaRange[0] <= first.limitEta && first.limitEta <= first.limitEtaRange[1]);
      } else {
        t.diagnostic(`${c.kind}: detection delay ${((first.startedAt - ONSET) / 60_000).toFixed(0)} min`);
        assert.ok(first.startedAt - ONSET <= HOUR, 'a stuck sensor is flagged within the hour');
      }
      assert.equal(new Set(run.changes.map((f) => f.id)).size, 1, 'one flag, no flapping');
    });
  }

  it('raises no flag on three healthy days (all assets, all rules)', async () => {
    for (const seed of [2, 3]) {
      const run = await runPlant({ seed, days: 3 });
      assert.deepEqual(run.changes.map((f) => `${f.rule}@${f.asset}: ${f.explanation}`), [], `seed ${seed}`);
      for (const [tag, points] of Object.entries(run.service.heldPoints())) assert.ok(points <= 180, `${tag} holds ${points}`);
    }
  });
});
