// Which stored records are handed out (taken, not yet acked or released), and where the next scan should start.
// Taken ids are excluded from take(); a hint per scan start ("everything in (after, hint] is handed out or gone")
// keeps take() from re-reading the in-flight window on every call. Releasing an id pulls the hints back before it,
// so released records are found again first, in id order.

const MAX_HINTS = 8;

export class TakeCursor {
  private readonly outstanding = new Map<number, number>(); // id → stored size
  private readonly hints = new Map<number, number>(); // scan start (afterId) → highest id known handed out or gone
  /** Lowest id released while a scan was reading (Infinity: none). A scan awaits SQLite; a release can land in
   * between (a connection lost mid-take), and the scan must not then record its end position past that id, or the
   * released records would be skipped for good: never sent again, never acked. */
  private releasedDuringScan = Infinity;
  private scanning = false;

  get size(): number {
    return this.outstanding.size;
  }

  isOut(id: number): boolean {
    return this.outstanding.has(id);
  }

  /** Where a scan for records after `afterId` should continue from. */
  startFor(afterId: number): number {
    return Math.max(afterId, this.hints.get(afterId) ?? afterId);
  }

  hand(id: number, size: number): void {
    this.outstanding.set(id, size);
  }

  /** A take() starts reading (takes are serial, under the outbox lock). */
  beginScan(): void {
    this.scanning = true;
    this.releasedDuringScan = Infinity;
  }

  endScan(): void {
    this.scanning = false;
    this.releasedDuringScan = Infinity;
  }

  /** Everything in (afterId, upTo] has now been handed out or no longer exists (except what was released meanwhile). */
  advance(afterId: number, upTo: number): void {
    if (upTo >= this.releasedDuringScan) upTo = this.releasedDuringScan - 1;
    if (upTo <= afterId) return;
    this.hints.delete(afterId);
    this.hints.set(afterId, upTo);
    if (this.hints.size > MAX_HINTS) {
      const oldest = this.hints.keys().next().value;
      if (oldest !== undefined) this.hints.delete(oldest);
    }
  }

  /** Acked or dropped: no longer handed out (the row is gone, so hints stay valid). */
  forget(id: number): void {
    this.outstanding.delete(id);
  }

  /** Back to the head: the ids are no longer handed out and the next scans must see them again. */
  release(ids: readonly number[]): void {
    let lowest = Infinity;
    for (const id of ids) {
      if (!this.outstanding.delete(id)) continue;
      if (id < lowest) lowest = id;
    }
    if (lowest === Infinity) return;
    if (this.scanning && lowest < this.releasedDuringScan) this.releasedDuringScan = lowest;
    for (const [after, hint] of this.hints) {
      if (hint >= lowest) {
        if (lowest - 1 > after) this.hints.set(after, lowest - 1);
        else this.hints.delete(after);
      }
    }
  }
}
