// Trend time ranges: presets relative to now, or a fixed custom range.
export type RangePreset = '10m' | '1h' | '8h' | '24h' | 'custom';

export const presetSpans: Record<Exclude<RangePreset, 'custom'>, number> = {
  '10m': 10 * 60_000,
  '1h': 3_600_000,
  '8h': 8 * 3_600_000,
  '24h': 24 * 3_600_000,
};

export const presetLabels: Record<RangePreset, string> = {
  '10m': 'Last 10 min',
  '1h': 'Last 1 h',
  '8h': 'Last 8 h',
  '24h': 'Last 24 h',
  custom: 'Custom',
};

export interface TimeRange {
  from: number;
  to: number;
}

export function presetRange(preset: Exclude<RangePreset, 'custom'>, now: number): TimeRange {
  return { from: now - presetSpans[preset], to: now };
}

/** Points to ask the server for: about one per horizontal pixel, never more than 2,000 per series. */
export function pointsForWidth(widthPx: number): number {
  return Math.max(2, Math.min(2000, Math.round(widthPx)));
}

/** `YYYY-MM-DDTHH:MM` for <input type="datetime-local">, in local time. */
export function toLocalInput(ts: number): string {
  const d = new Date(ts);
  const p = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function fromLocalInput(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  const ts = d.getTime();
  return Number.isFinite(ts) ? ts : null;
}

/** A zoom selection made by dragging: ordered, and at least one second wide. */
export function zoomRange(a: number, b: number): TimeRange | null {
  const from = Math.min(a, b);
  const to = Math.max(a, b);
  return to - from >= 1000 ? { from: Math.round(from), to: Math.round(to) } : null;
}
