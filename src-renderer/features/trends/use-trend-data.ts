// Trend data: history per tag from the server (downsampled there to about one point per pixel),
// then, in live mode, live samples appended while the window slides.
import { useEffect, useRef, useState } from 'react';
import type { HistoryMode } from '../../../src-main/contract/index.js';
import { useStores } from '../../state/hooks.js';
import { appendSamples, capPoints, emptySeries, fromHistory, trimWindow, type Series } from '../../lib/series.js';

export interface TrendQuery {
  tags: readonly string[];
  from: number;
  to: number;
  points: number;
  mode: HistoryMode;
  /** Slide the window with the clock and append live samples. */
  live: boolean;
  spanMs: number;
}

export interface TrendData {
  series: ReadonlyMap<string, Series>;
  rawCounts: ReadonlyMap<string, number>;
  from: number;
  to: number;
  loading: boolean;
  error: string | null;
}

export function useTrendData(q: TrendQuery): TrendData {
  const { client, live } = useStores();
  const [state, setState] = useState<TrendData>({ series: new Map(), rawCounts: new Map(), from: q.from, to: q.to, loading: false, error: null });
  const generation = useRef(0);
  const tagsKey = q.tags.join('\n');

  useEffect(() => {
    const gen = ++generation.current;
    const tags = tagsKey.length > 0 ? tagsKey.split('\n') : [];
    // Live: the window ends now, whenever this query runs (a re-query must not leave a gap before the live tail).
    const qTo = q.live ? Date.now() : q.to;
    const qFrom = q.live ? qTo - q.spanMs : q.from;
    setState((s) => ({ ...s, from: qFrom, to: qTo, loading: tags.length > 0, error: null, series: tags.length > 0 ? s.series : new Map() }));
    if (tags.length === 0) return;
    let unsubscribe: (() => void) | null = null;
    void Promise.allSettled(tags.map((tag) => client.invoke('history', { tag, from: qFrom, to: qTo, points: q.points, mode: q.mode }))).then(
      (results) => {
        if (gen !== generation.current) return;
        const series = new Map<string, Series>();
        const rawCounts = new Map<string, number>();
        const errors: string[] = [];
        results.forEach((r, i) => {
          const tag = tags[i]!;
          if (r.status === 'fulfilled') {
            series.set(tag, fromHistory(r.value));
            rawCounts.set(tag, r.value.rawCount);
          } else {
            series.set(tag, emptySeries());
            errors.push(`${tag}: ${(r.reason as Error)?.message ?? String(r.reason)}`);
          }
        });
        setState({ series, rawCounts, from: qFrom, to: qTo, loading: false, error: errors.length > 0 ? errors.join('; ') : null });
        if (!q.live) return;
        unsubscribe = live.subscribeSamples((samples) => {
          if (gen !== generation.current) return;
          const to = Date.now();
          const from = to - q.spanMs;
          setState((prev) => {
            const next = new Map<string, Series>();
            for (const [tag, s] of prev.series) next.set(tag, capPoints(trimWindow(appendSamples(s, samples, tag), from, to), q.points));
            return { ...prev, series: next, from, to };
          });
        });
      },
    );
    return () => {
      generation.current++;
      unsubscribe?.();
    };
  }, [client, live, tagsKey, q.from, q.to, q.points, q.mode, q.live, q.spanMs]);

  // Keep the live window sliding even when no sample arrives (a frozen tag must not freeze the time axis).
  useEffect(() => {
    if (!q.live) return;
    const id = setInterval(() => {
      const to = Date.now();
      const from = to - q.spanMs;
      setState((prev) => {
        const next = new Map<string, Series>();
        for (const [tag, s] of prev.series) next.set(tag, trimWindow(s, from, to));
        return { ...prev, series: next, from, to };
      });
    }, 1000);
    return () => clearInterval(id);
  }, [q.live, q.spanMs]);

  return state;
}
