// The alarm journal as a CSV download: ISO-8601 UTC timestamps, one row per journal entry, oldest first.
import type { JournalEntry, TextFileDto } from '../contract/index.js';
import { toCsv, type CsvCell } from './csv.js';

const HEADER = ['time', 'alarm', 'tag', 'event', 'state', 'value', 'user', 'comment'] as const;

function valueCell(v: JournalEntry['value']): CsvCell {
  return v === null ? '' : v;
}

/** `alarm-journal_2026-01-15T0000Z_2026-01-16T0000Z.csv`: plain ASCII, safe in a Content-Disposition header. */
export function journalFilename(from: number | undefined, to: number): string {
  const stamp = (ts: number) => new Date(ts).toISOString().slice(0, 16).replace(/:/g, '') + 'Z';
  return `alarm-journal_${from === undefined ? 'start' : stamp(from)}_${stamp(to)}.csv`;
}

export function journalCsv(entries: readonly JournalEntry[]): string {
  const rows = [...entries]
    .sort((a, b) => a.ts - b.ts || a.id - b.id)
    .map((e) => [new Date(e.ts).toISOString(), e.alarmId, e.tag, e.event, e.state, valueCell(e.value), e.user, e.comment]);
  return toCsv(HEADER, rows);
}

export function journalCsvFile(entries: readonly JournalEntry[], from: number | undefined, to: number): TextFileDto {
  return { kind: 'text-file', contentType: 'text/csv; charset=utf-8', filename: journalFilename(from, to), body: journalCsv(entries) };
}
