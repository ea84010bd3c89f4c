// Formatting for readouts, axes and tables. Fixed rules so the same value always looks the same.
import type { Quality, TagValue } from '../../src-main/contract/index.js';

/** Significant digits that suit a wall display: 4 for small values, integers for large ones. */
export function formatNumber(v: number, span?: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? '—' : v > 0 ? '∞' : '−∞';
  const scale = span !== undefined && span > 0 ? span : Math.abs(v);
  let decimals: number;
  if (scale >= 1000) decimals = 0;
  else if (scale >= 100) decimals = 1;
  else if (scale >= 10) decimals = 1;
  else if (scale >= 1) decimals = 2;
  else if (scale === 0) decimals = 1;
  else decimals = 3;
  const text = v.toFixed(decimals);
  // Avoid "-0.0": negative zero after rounding reads as a sign error on a display.
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text.replace('-', '−');
}

export function formatValue(value: TagValue | undefined, span?: number): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'boolean') return value ? 'ON' : 'OFF';
  if (typeof value === 'number') return formatNumber(value, span);
  return value;
}

export function formatWithUnit(value: TagValue | undefined, unit: string, span?: number): string {
  const text = formatValue(value, span);
  return unit && typeof value === 'number' ? `${text} ${unit}` : text;
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Local wall-clock time, `HH:MM:SS`. */
export function formatClock(ts: number): string {
  const d = new Date(ts);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/** Local date and time, `YYYY-MM-DD HH:MM:SS`, for tables and journals. */
export function formatDateTime(ts: number): string {
  const d = new Date(ts);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${formatClock(ts)}`;
}

/** Axis tick label adapted to the visible span. */
export function formatAxisTime(ts: number, spanMs: number): string {
  const d = new Date(ts);
  if (spanMs <= 15 * 60_000) return formatClock(ts);
  if (spanMs <= 36 * 3_600_000) return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  return `${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** A duration in words an operator reads at a glance: `45 s`, `12 min`, `3 h 20 min`, `2 d 4 h`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}

/** `in 3 h 20 min` / `5 min ago`. */
export function formatRelative(ts: number, now: number): string {
  return ts >= now ? `in ${formatDuration(ts - now)}` : `${formatDuration(now - ts)} ago`;
}

/** The label shown next to a value that must not be read as live. */
export function qualityLabel(q: Quality): string | null {
  switch (q) {
    case 'good':
      return null;
    case 'uncertain':
      return 'uncertain';
    case 'bad':
      return 'bad';
    case 'stale':
      return 'stale';
  }
}

/** Axis tick: shortest exact form of a rounded value (`12`, `7.5`, `0.25`), so ticks read consistently. */
export function formatTick(v: number): string {
  if (!Number.isFinite(v)) return '';
  const text = String(Number(v.toPrecision(6)));
  return text.replace('-', '−');
}
