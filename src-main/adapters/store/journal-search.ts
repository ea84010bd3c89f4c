// The WHERE clause of an alarm journal search: time range, tag/alarm prefixes, events, user and comment text.
// Every value is a bound parameter; prefixes use substr() and text uses instr(), so no LIKE wildcard escaping.
import type { JournalQuery } from '../../services/ports.js';

export interface SqlFilter {
  where: string;
  params: (string | number)[];
}

export function journalFilter(q: JournalQuery): SqlFilter {
  const clauses = ['ts >= ?', 'ts <= ?'];
  const params: (string | number)[] = [q.from ?? 0, q.to ?? Number.MAX_SAFE_INTEGER];
  if (q.tagPrefix !== undefined && q.tagPrefix !== '') {
    clauses.push('substr(tag, 1, ?) = ?');
    params.push(codePoints(q.tagPrefix), q.tagPrefix);
  }
  if (q.alarmPrefix !== undefined && q.alarmPrefix !== '') {
    clauses.push('substr(alarm_id, 1, ?) = ?');
    params.push(codePoints(q.alarmPrefix), q.alarmPrefix);
  }
  if (q.events !== undefined && q.events.length > 0) {
    clauses.push(`event IN (${q.events.map(() => '?').join(', ')})`);
    params.push(...q.events);
  }
  if (q.user !== undefined && q.user !== '') {
    clauses.push('user = ?');
    params.push(q.user);
  }
  if (q.text !== undefined && q.text !== '') {
    // SQLite's lower() folds ASCII letters only: case-insensitive for ASCII, exact for other letters.
    clauses.push("instr(lower(coalesce(comment, '')), lower(?)) > 0");
    params.push(q.text);
  }
  return { where: clauses.join(' AND '), params };
}

/** SQLite's substr() counts characters (code points), not UTF-16 units. */
function codePoints(s: string): number {
  return Array.from(s).length;
}
