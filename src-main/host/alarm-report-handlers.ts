// The alarm journal search (JSON or CSV) and the ISA-18.2 KPI report: the handlers of `alarmJournal` and
// `alarmKpis`, kept out of handlers.ts so the alarm reporting lives in one place.
import type { AlarmDto, AlarmKpisDto, JournalEntry, ParsedArgs, TextFileDto } from '../contract/index.js';
import { computeAlarmKpis } from '../domain/alarm-kpis.js';
import type { AlarmTuning } from '../domain/chatter-advice.js';
import { journalCsvFile } from '../domain/journal-csv.js';
import type { Clock, HistorianStore, JournalQuery } from '../services/ports.js';
import type { TagCatalog } from '../services/tag-catalog.js';

/** Journal rows one KPI run reads at most (activations and returns); beyond it the report says `truncated`. */
export const KPI_MAX_ROWS = 300_000;
/** Rows one CSV export holds at most (the JSON search keeps its own `limit`, ≤ 10,000). */
export const CSV_MAX_ROWS = 100_000;

export interface AlarmReportDeps {
  store: HistorianStore;
  catalog: TagCatalog;
  alarms: { list(filter: 'all'): AlarmDto[] };
  clock: Clock;
  /** Operators sharing the alarm load (project `alarmKpis.operators`). */
  operators: number;
}

function journalQuery(q: ParsedArgs<'alarmJournal'>, limit: number): JournalQuery {
  return { from: q.from, to: q.to, limit, tagPrefix: q.tag, alarmPrefix: q.alarm, events: q.event, user: q.user, text: q.text };
}

export async function searchJournal(d: AlarmReportDeps, q: ParsedArgs<'alarmJournal'>): Promise<JournalEntry[] | TextFileDto> {
  if (q.format !== 'csv') return d.store.queryJournal(journalQuery(q, q.limit));
  // An export is the whole search (up to CSV_MAX_ROWS); `limit` sizes the on-screen JSON list only.
  const rows = await d.store.queryJournal(journalQuery(q, CSV_MAX_ROWS));
  return journalCsvFile(rows, q.from, q.to ?? d.clock.now());
}

function tuningOf(catalog: TagCatalog, tagId: string): AlarmTuning | undefined {
  const tag = catalog.get(tagId);
  if (!tag?.alarms) return undefined;
  const span = tag.euRange ? tag.euRange.high - tag.euRange.low : null;
  return { deadband: tag.alarms.deadband, unit: tag.unit, span, limit: null };
}

export async function alarmKpis(d: AlarmReportDeps, q: ParsedArgs<'alarmKpis'>): Promise<AlarmKpisDto> {
  const includeSystem = q.system === 'include';
  const entries = await d.store.queryJournal({
    from: q.from,
    to: q.to,
    limit: KPI_MAX_ROWS,
    events: ['activated', 'returned', 'cleared'],
  });
  const alarms = d.alarms.list('all');
  const limits = new Map(alarms.map((a) => [a.id, a.limit] as const));
  return computeAlarmKpis({
    from: q.from,
    to: q.to,
    now: d.clock.now(),
    operators: d.operators,
    includeSystem,
    entries,
    alarms,
    tuning: (alarmId, tag) => {
      const t = tuningOf(d.catalog, tag);
      return t ? { ...t, limit: limits.get(alarmId) ?? null } : undefined;
    },
    truncated: entries.length >= KPI_MAX_ROWS,
  });
}
