// A temperature corrected for load: T − b·lag(I), with the lag a first-order filter of the load signal (the way
// a machine's temperature follows its current) and the gain b learned by least squares on the warm-up buckets.
// Its residual carries what load does not explain (fouling, ambient), without the big load-cycle swings.
import { createChannelTracker, type ChannelSettings, type ChannelTracker } from './channel-tracker.js';
import { median } from './robust-stats.js';

export interface LoadCompensation {
  addLoad(ts: number, value: number): void;
  addTemperature(ts: number, value: number): void;
  /** The residual's tracker (fed only once the gain is learned). */
  tracker: ChannelTracker;
  /** Gain b (temperature units per load unit) and the typical lagged load; NaN while learning. */
  gain(): number;
  typicalLoad(): number;
  heldPoints(): number;
}

export function createLoadCompensation(channel: ChannelSettings, lagMs: number): LoadCompensation {
  const tracker = createChannelTracker(channel);
  let lagged = Number.NaN;
  let lastLoadTs: number | null = null;
  let gain = Number.NaN;
  let typical = Number.NaN;
  let bucket = Number.NEGATIVE_INFINITY;
  let sumT = 0;
  let sumL = 0;
  let n = 0;
  let pairs: [number, number][] = [];

  function learn(): void {
    const mt = pairs.reduce((a, p) => a + p[0], 0) / pairs.length;
    const ml = pairs.reduce((a, p) => a + p[1], 0) / pairs.length;
    let cov = 0;
    let varL = 0;
    for (const [t, l] of pairs) {
      cov += (t - mt) * (l - ml);
      varL += (l - ml) * (l - ml);
    }
    gain = varL > 0 ? Math.max(0, cov / varL) : 0;
    typical = median(pairs.map((p) => p[1]));
    pairs = [];
  }

  return {
    addLoad(ts, value) {
      if (lastLoadTs === null || Number.isNaN(lagged)) lagged = value;
      else if (ts > lastLoadTs) lagged += (1 - Math.exp(-(ts - lastLoadTs) / lagMs)) * (value - lagged);
      lastLoadTs = ts;
    },
    addTemperature(ts, value) {
      if (Number.isNaN(lagged)) return;
      if (!Number.isNaN(gain)) {
        tracker.add(ts, value - gain * lagged);
        return;
      }
      const i = Math.floor(ts / channel.bucketMs);
      if (i !== bucket && n > 0) {
        pairs.push([sumT / n, sumL / n]);
        sumT = 0;
        sumL = 0;
        n = 0;
        if (pairs.length >= channel.warmupPoints) learn();
      }
      bucket = i;
      sumT += value;
      sumL += lagged;
      n++;
    },
    tracker,
    gain: () => gain,
    typicalLoad: () => typical,
    heldPoints: () => tracker.heldPoints() + pairs.length,
  };
}
