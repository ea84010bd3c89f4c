// Command timestamps: an ISO 8601 date-time with an explicit offset (`2025-03-01T12:00:00.250Z`,
// `…+01:00`) or milliseconds since the epoch. Local times without an offset are refused: on a plant network
// the sender's and the bridge's time zones are not guaranteed to agree.

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Milliseconds since the epoch of a strict ISO 8601 date-time with offset, or null. Sub-millisecond digits are cut. */
export function parseIsoTimestamp(text: string): number | null {
  const m = ISO_8601.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = m[7] ?? '';
  const offset = m[8] ?? 'Z';
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (offset !== 'Z') {
    const oh = Number(offset.slice(1, 3));
    const om = Number(offset.slice(4, 6));
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (offset.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  return Number.isSafeInteger(utc) ? utc : null;
}

/** A command's `ts` field as ms epoch: an ISO 8601 string or a non-negative whole number of ms; else null. */
export function commandTimestampMs(ts: unknown): number | null {
  if (typeof ts === 'number') return Number.isSafeInteger(ts) && ts >= 0 ? ts : null;
  if (typeof ts === 'string') return parseIsoTimestamp(ts);
  return null;
}
