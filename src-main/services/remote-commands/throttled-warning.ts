// Logs a warning at most once per interval and says how many were left out in between, so a flood of bad
// messages cannot flood the log either.
import type { Clock, Log } from '../ports.js';

export type ThrottledWarning = (fields: object, message: string) => void;

export function createThrottledWarning(log: Log, clock: Clock, intervalMs = 1000): ThrottledWarning {
  let last = -Infinity;
  let suppressed = 0;
  return (fields, message) => {
    const now = clock.now();
    if (now - last < intervalMs) {
      suppressed += 1;
      return;
    }
    last = now;
    log.warn({ ...fields, suppressedSinceLast: suppressed }, message);
    suppressed = 0;
  };
}
