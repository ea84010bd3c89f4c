// Reconnect delays: 0.5 s doubling to a 10 s ceiling, with up to 20 % jitter so many wall displays
// do not reconnect in lock-step after a server restart.
export function nextBackoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** Math.max(0, attempt));
  return Math.round(base * (1 + 0.2 * random()));
}
