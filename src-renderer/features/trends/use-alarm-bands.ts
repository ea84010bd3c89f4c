// The alarm journal of the shown tags for the visible range, re-read when the range or the tags' alarms change
// (and every 30 s while live), turned into bands for the chart.
import { useEffect, useMemo, useState } from 'react';
import type { JournalEntry } from '../../../src-main/contract/index.js';
import { useAlarms, useApi } from '../../state/hooks.js';
import { alarmBands, type AlarmBand } from '../../lib/alarm-bands.js';

const REFRESH_LIVE_MS = 30_000;

export function useAlarmBands(tags: readonly string[], from: number, to: number, live: boolean): { bands: AlarmBand[]; error: string | null } {
  const client = useApi();
  const alarms = useAlarms();
  const [entries, setEntries] = useState<JournalEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const tagKey = tags.join('\n');
  const tagSet = useMemo(() => new Set(tagKey ? tagKey.split('\n') : []), [tagKey]);
  // Changes whenever an alarm of a shown tag changes state: then the journal has something new.
  const alarmKey = useMemo(
    () => alarms.filter((a) => tagSet.has(a.tag)).map((a) => `${a.id}:${a.state}:${a.activeSince ?? ''}`).join('|'),
    [alarms, tagSet],
  );
  const queryFrom = live ? 0 : from;
  const queryTo = live ? 0 : to;

  useEffect(() => {
    if (!live) return;
    const id = setInterval(() => setTick((t) => t + 1), REFRESH_LIVE_MS);
    return () => clearInterval(id);
  }, [live]);

  useEffect(() => {
    if (tagSet.size === 0) return setEntries([]);
    let stale = false;
    const now = Date.now();
    const span = Math.max(1, to - from);
    const f = live ? now - span : queryFrom;
    const t = live ? now : queryTo;
    void Promise.all(
      [...tagSet].map((tag) => client.invoke('alarmJournal', { from: Math.max(0, Math.floor(f)), to: Math.ceil(t), alarm: `${tag}#`, event: 'activated,returned,cleared', limit: 10_000 })),
    ).then(
      (results) => {
        if (stale) return;
        setEntries(results.flatMap((r) => (Array.isArray(r) ? r : [])));
        setError(null);
      },
      (err: unknown) => !stale && setError(`alarm bands: ${(err as Error).message}`),
    );
    return () => {
      stale = true;
    };
    // `from`/`to` slide every second while live: the live query re-runs on the tick and on alarm changes instead.
  }, [client, tagSet, queryFrom, queryTo, live, tick, alarmKey]);

  const bands = useMemo(() => alarmBands(entries, alarms, tagSet, from, to), [entries, alarms, tagSet, from, to]);
  return { bands, error };
}
