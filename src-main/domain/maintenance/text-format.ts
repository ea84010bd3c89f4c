// Numbers, durations and clock times as a maintenance planner reads them.

/** One decimal (two below 1), no trailing zeros: 2.4, 7.1, 0.35, 81. */
export function formatQuantity(value: number): string {
  const digits = Math.abs(value) < 1 ? 2 : 1;
  return String(Number(value.toFixed(digits)));
}

export function formatWithUnit(value: number, unit: string): string {
  return unit ? `${formatQuantity(value)} ${unit}` : formatQuantity(value);
}

export function formatSigned(value: number, unit: string): string {
  return `${value >= 0 ? '+' : '−'}${formatWithUnit(Math.abs(value), unit)}`;
}

/** "less than a minute", "8 min", "55 min", "1 h 10 min", "3 days". Long spans are rounded to 5 minutes. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, ms) / 60_000;
  if (minutes < 1) return 'less than a minute';
  if (minutes < 20) return `${Math.round(minutes)} min`;
  const rounded = Math.round(minutes / 5) * 5;
  if (rounded < 60) return `${rounded} min`;
  if (rounded >= 48 * 60) return `${Math.round(rounded / (24 * 60))} days`;
  const h = Math.floor(rounded / 60);
  const m = rounded % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Local wall-clock time, HH:MM: the plant's own time is what a planner compares with. */
export function formatClock(ts: number): string {
  const d = new Date(ts);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
