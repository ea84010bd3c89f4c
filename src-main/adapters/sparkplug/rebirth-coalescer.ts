// NCMD Rebirth floods: at most one birth sequence per `minIntervalMs`; requests arriving in between are merged into
// a single one at the end of the interval, so 100 requests a second cost a few births and no memory.
import type { Clock } from '../../services/ports.js';

export class RebirthCoalescer {
  private lastBirthAt = -Infinity;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly minIntervalMs: number,
    private readonly clock: Clock,
  ) {}

  /** Runs `birth` now, or once later if a birth sequence happened within the interval. */
  request(birth: () => void): void {
    if (this.timer !== null) return;
    const wait = this.lastBirthAt + this.minIntervalMs - this.clock.now();
    if (wait <= 0) {
      birth();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      birth();
    }, wait);
  }

  /** A birth sequence went out (for any reason): pending requests are answered by it. */
  birthDone(): void {
    this.cancel();
    this.lastBirthAt = this.clock.now();
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
