// A token bucket per tag: `perSecond` commands per second on average, bursts up to max(1, perSecond).
// Commands over the limit are refused, never queued: a queued command would run later than its sender meant.

export interface TagRateLimiter {
  tryTake(tag: string, now: number): boolean;
}

export function createTagRateLimiter(perSecond: number): TagRateLimiter {
  const capacity = Math.max(1, perSecond);
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    tryTake(tag, now) {
      const bucket = buckets.get(tag) ?? { tokens: capacity, at: now };
      const tokens = Math.min(capacity, bucket.tokens + (Math.max(0, now - bucket.at) * perSecond) / 1000);
      const allowed = tokens >= 1;
      buckets.set(tag, { tokens: allowed ? tokens - 1 : tokens, at: now });
      return allowed;
    },
  };
}
