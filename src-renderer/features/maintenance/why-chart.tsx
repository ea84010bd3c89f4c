// "Why flagged": the tag's recent history against its learned normal band, the change point,
// the limit, and the straight-line projection to the limit.
import { useEffect, useMemo, useState } from 'react';
import { ComposedChart, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, CartesianGrid } from 'recharts';
import type { FlagDto, FlagEvidence } from '../../../src-main/contract/index.js';
import { useApi } from '../../state/hooks.js';
import { fromHistory, type Series } from '../../lib/series.js';
import { projectionLine } from '../../lib/projection.js';
import { toRows } from '../../lib/chart-rows.js';
import { formatAxisTime, formatDateTime, formatNumber, formatTick } from '../../lib/format.js';

const HOUR = 3_600_000;

export function WhyChart({ flag, evidence }: { flag: FlagDto; evidence: FlagEvidence }) {
  const client = useApi();
  const [series, setSeries] = useState<Series | null>(null);
  const [error, setError] = useState<string | null>(null);
  const anchor = flag.updatedAt;
  // History back to well before the change point, so the operator sees "before" and "after".
  const from = Math.min(anchor - 6 * HOUR, (evidence.changePointTs ?? anchor) - 2 * HOUR);
  const projection = useMemo(() => projectionLine(evidence, anchor, flag.limitEta, 2 * HOUR), [evidence, anchor, flag.limitEta]);
  // The ETA range is drawn as a band on the time axis (capped so a far late end does not squash the history).
  const etaRange = flag.limitEtaRange && flag.limitEtaRange[1] > anchor ? flag.limitEtaRange : null;
  const to = Math.max(anchor, ...projection.map((p) => p.t), etaRange ? Math.min(etaRange[1], anchor + 2 * (anchor - from)) : anchor);

  useEffect(() => {
    let cancelled = false;
    setSeries(null);
    client
      .invoke('history', { tag: evidence.tag, from, to: Math.max(anchor, from + 1000), points: 600, mode: 'avg' })
      .then((h) => !cancelled && (setSeries(fromHistory(h)), setError(null)))
      .catch((err: Error) => !cancelled && setError(err.message));
    return () => {
      cancelled = true;
    };
  }, [client, evidence.tag, from, anchor]);

  const rows = useMemo(
    () =>
      toRows([
        { key: 'v', series: series ? { t: series.t, v: series.v } : { t: [], v: [] } },
        { key: 'proj', series: { t: projection.map((p) => p.t), v: projection.map((p) => p.v) } },
      ]),
    [series, projection],
  );

  return (
    <div className="why-chart" data-testid="why-chart">
      {error ? <div className="error-text" style={{ padding: 10 }}>{error}</div> : null}
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={{ top: 16, right: 20, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="#c8c8c8" strokeDasharray="2 4" />
          <XAxis dataKey="t" type="number" scale="time" domain={[from, to]} tickFormatter={(t: number) => formatAxisTime(t, to - from)} stroke="#4d4d4d" tick={{ fontSize: 12 }} minTickGap={40} />
          <YAxis
            stroke="#4d4d4d"
            tick={{ fontSize: 12 }}
            width={72}
            domain={['auto', 'auto']}
            tickFormatter={formatTick}
            label={{ value: evidence.unit, angle: -90, position: 'insideLeft', fontSize: 12, dx: 8 }}
          />
          <ReferenceArea y1={evidence.bandLow} y2={evidence.bandHigh} fill="#9a9a9a" fillOpacity={0.25} stroke="none" ifOverflow="extendDomain" label={{ value: 'normal band', position: 'insideTopLeft', fontSize: 12, fill: '#444' }} />
          {evidence.limitKind === 'none' ? null : <ReferenceLine y={evidence.limit} stroke="#222" strokeDasharray="8 3" ifOverflow="extendDomain" label={{ value: `limit ${formatNumber(evidence.limit)} ${evidence.unit}`, position: 'insideTopRight', fontSize: 12, fill: '#222' }} />}
          {etaRange ? (
            <ReferenceArea x1={Math.max(etaRange[0], anchor)} x2={Math.min(etaRange[1], to)} fill="#1f3f77" fillOpacity={0.12} stroke="none" ifOverflow="hidden" label={{ value: 'ETA range', position: 'insideBottom', fontSize: 12, fill: '#1f3f77' }} />
          ) : null}
          {evidence.changePointTs !== null ? (
            <ReferenceLine x={evidence.changePointTs} stroke="#444" strokeDasharray="3 3" label={{ value: 'change point', position: 'insideTopLeft', fontSize: 12, fill: '#333' }} />
          ) : null}
          <ReferenceLine x={anchor} stroke="#777" label={{ value: 'now', position: 'insideBottomRight', fontSize: 12, fill: '#555' }} />
          <Tooltip isAnimationActive={false} labelFormatter={(t) => formatDateTime(Number(t))} formatter={(v, name) => [`${formatNumber(Number(v))} ${evidence.unit}`, name === 'proj' ? 'projection' : evidence.tag]} contentStyle={{ background: '#f2f2f2', border: '1px solid #8c8c8c', fontSize: 13 }} />
          <Line dataKey="v" stroke="#1f3f77" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
          <Line dataKey="proj" stroke="#1f3f77" strokeWidth={2} strokeDasharray="6 4" dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
