// Time ranges of the alarm reports (journal search, KPI page): presets back from now, or a custom range.
export type ReportPreset = '1h' | '8h' | '24h' | '7d' | '30d' | 'custom';

export const reportSpans: Record<Exclude<ReportPreset, 'custom'>, number> = {
  '1h': 3_600_000,
  '8h': 8 * 3_600_000,
  '24h': 24 * 3_600_000,
  '7d': 7 * 24 * 3_600_000,
  '30d': 30 * 24 * 3_600_000,
};

export const reportLabels: Record<ReportPreset, string> = {
  '1h': 'Last 1 h',
  '8h': 'Last 8 h',
  '24h': 'Last 24 h',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  custom: 'Custom',
};

/** The journal search's optional filters as request arguments: empty fields are left out. */
export interface JournalFilters {
  tag: string;
  alarm: string;
  event: string;
  user: string;
  text: string;
}

export const noFilters: JournalFilters = { tag: '', alarm: '', event: '', user: '', text: '' };

export function filterArgs(f: JournalFilters): Partial<JournalFilters> {
  const out: Partial<JournalFilters> = {};
  for (const key of Object.keys(f) as (keyof JournalFilters)[]) {
    const v = f[key].trim();
    if (v !== '') out[key] = v;
  }
  return out;
}
