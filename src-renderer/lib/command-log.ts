// The command log: how each audit row reads (accepted, refused, or the "requested" row written before a
// write) and the filter of the Commands page.
import type { CommandLogEntry } from '../../src-main/contract/index.js';

export type CommandOutcome = 'requested' | 'accepted' | 'refused';

/** `requested` is the row audited before the write; a `Good…` status the source accepted; anything else refused. */
export function commandOutcome(e: Pick<CommandLogEntry, 'status'>): CommandOutcome {
  if (e.status === 'requested') return 'requested';
  return /^Good/.test(e.status) ? 'accepted' : 'refused';
}

export interface CommandFilter {
  /** Free text matched against tag, user, via, status and message (all words must match). */
  text: string;
  /** One path (`http`, `sparkplug`, …) or '' for all. */
  via: string;
  outcome: CommandOutcome | 'all';
}

export const emptyCommandFilter: CommandFilter = { text: '', via: '', outcome: 'all' };

export function filterCommandLog(entries: readonly CommandLogEntry[], f: CommandFilter): CommandLogEntry[] {
  const words = f.text.trim().toLowerCase().split(/\s+/).filter((w) => w.length > 0);
  const shown = entries.filter((e) => {
    if (f.via && e.via !== f.via) return false;
    if (f.outcome !== 'all' && commandOutcome(e) !== f.outcome) return false;
    if (words.length === 0) return true;
    const hay = `${e.tag} ${e.user} ${e.via} ${e.status} ${e.message}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  return shown.sort(newestFirst);
}

/** Newest first; rows of the same millisecond by audit id, so "requested" sits below its outcome. */
export function newestFirst(a: CommandLogEntry, b: CommandLogEntry): number {
  return b.ts - a.ts || b.id - a.id;
}

/** The paths present in the log, for the "via" selector. */
export function viaOptions(entries: readonly CommandLogEntry[]): string[] {
  return [...new Set(entries.map((e) => e.via))].sort();
}

export function countOutcomes(entries: readonly CommandLogEntry[]): Record<CommandOutcome, number> {
  const counts: Record<CommandOutcome, number> = { requested: 0, accepted: 0, refused: 0 };
  for (const e of entries) counts[commandOutcome(e)] += 1;
  return counts;
}

export const commandRanges = [
  { key: '1h', label: 'Last 1 h', ms: 3_600_000 },
  { key: '8h', label: 'Last 8 h', ms: 8 * 3_600_000 },
  { key: '24h', label: 'Last 24 h', ms: 24 * 3_600_000 },
  { key: '7d', label: 'Last 7 days', ms: 7 * 24 * 3_600_000 },
] as const;

export type CommandRangeKey = (typeof commandRanges)[number]['key'];
