// Sparkplug sequence numbers. `seq` runs 0..255 per edge node across NBIRTH, DBIRTH, NDATA, DDATA and DDEATH
// (NBIRTH always 0); `bdSeq` (birth/death) goes up by one per MQTT CONNECT, also wrapping 255 -> 0.

export const SEQ_MODULO = 256;

export function nextSeqValue(seq: number): number {
  return (seq + 1) % SEQ_MODULO;
}

/** The bdSeq of the next CONNECT, given the one used last (null when none was ever used: start at 0). */
export function nextBdSeq(last: number | null): number {
  return last === null ? 0 : nextSeqValue(last);
}

/** The per-session message counter; `birth()` restarts it at 0 for an NBIRTH. */
export class SeqCounter {
  private last = SEQ_MODULO - 1;

  /** The seq for an NBIRTH: always 0, and the next message gets 1. */
  birth(): number {
    this.last = 0;
    return 0;
  }

  next(): number {
    this.last = nextSeqValue(this.last);
    return this.last;
  }

  get current(): number {
    return this.last;
  }
}
