// Remembers the commands seen within the timestamp window so the same command cannot be executed twice.
// Bounded: when full of unexpired entries it answers `full` and the caller refuses (fail closed); evicting a live
// entry would re-open exactly the replay it was kept to stop.

export type ReplayVerdict = 'fresh' | 'replay' | 'full';

export interface ReplayMemory {
  /** Records `keys` until `expiresAt` unless one of them is already remembered (then nothing is recorded). */
  remember(keys: readonly string[], expiresAt: number, now: number): ReplayVerdict;
  size(): number;
}

export function createReplayMemory(maxEntries: number): ReplayMemory {
  const expiry = new Map<string, number>();
  let lastSweep = -Infinity;

  function sweep(now: number): void {
    lastSweep = now;
    for (const [key, until] of expiry) if (until <= now) expiry.delete(key);
  }

  return {
    remember(keys, expiresAt, now) {
      if (now - lastSweep >= 1000) sweep(now);
      for (const key of keys) {
        const until = expiry.get(key);
        if (until !== undefined && until > now) return 'replay';
      }
      if (expiry.size + keys.length > maxEntries) {
        sweep(now);
        if (expiry.size + keys.length > maxEntries) return 'full';
      }
      for (const key of keys) expiry.set(key, expiresAt);
      return 'fresh';
    },
    size: () => expiry.size,
  };
}
