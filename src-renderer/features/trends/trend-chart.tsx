// The trend chart: one line per pen, a min/max band in `avg` mode, one y axis per unit, alarm limits as
// reference lines, and drag-to-zoom (the page re-queries the selected range from the server).
import { useMemo, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MouseHandlerDataParam } from 'recharts';
import type { TagDto } from '../../../src-main/contract/index.js';
import { bandKey, toRows, type ChartRow } from '../../lib/chart-rows.js';
import type { Series } from '../../lib/series.js';
import { formatAxisTime, formatDateTime, formatNumber, formatTick } from '../../lib/format.js';
import { penColour } from '../../lib/pens.js';
import { zoomRange, type TimeRange } from '../../lib/time-range.js';
import { priorityColour, type AlarmBand } from '../../lib/alarm-bands.js';

export interface Pen {
  tag: TagDto;
  index: number;
  series: Series;
}

interface Props {
  pens: readonly Pen[];
  from: number;
  to: number;
  showBand: boolean;
  onZoom: (range: TimeRange) => void;
  /** Intervals in which an alarm of a shown tag was active: shaded in its priority colour. */
  alarmBands?: readonly AlarmBand[];
}

const penKey = (i: number) => `p${i}`;

export function TrendChart({ pens, from, to, showBand, onZoom, alarmBands = [] }: Props) {
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const rows = useMemo(() => toRows(pens.map((p) => ({ key: penKey(p.index), series: p.series }))), [pens]);
  const units = useMemo(() => [...new Set(pens.map((p) => p.tag.unit || '—'))], [pens]);
  const span = to - from;

  const labelOf = (s: MouseHandlerDataParam): number | null => {
    const n = Number(s.activeLabel);
    return Number.isFinite(n) ? n : null;
  };

  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart
        data={rows}
        margin={{ top: 12, right: 12, bottom: 4, left: 4 }}
        onMouseDown={(s) => {
          const x = labelOf(s);
          if (x !== null) setDrag({ a: x, b: x });
        }}
        onMouseMove={(s) => {
          const x = labelOf(s);
          if (drag && x !== null) setDrag({ a: drag.a, b: x });
        }}
        onMouseUp={() => {
          if (drag) {
            const r = zoomRange(drag.a, drag.b);
            if (r) onZoom(r);
          }
          setDrag(null);
        }}
        onMouseLeave={() => setDrag(null)}
      >
        <CartesianGrid stroke="#c8c8c8" strokeDasharray="2 4" />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={[from, to]}
          allowDataOverflow
          tickFormatter={(t: number) => formatAxisTime(t, span)}
          stroke="#4d4d4d"
          tick={{ fontSize: 13 }}
          minTickGap={40}
        />
        {units.map((u, i) => (
          <YAxis
            key={u}
            yAxisId={u}
            orientation={i % 2 === 0 ? 'left' : 'right'}
            stroke="#4d4d4d"
            tick={{ fontSize: 13 }}
            width={72}
            domain={['auto', 'auto']}
            tickFormatter={formatTick}
            label={{ value: u, angle: -90, position: i % 2 === 0 ? 'insideLeft' : 'insideRight', fontSize: 13, fill: '#333', dx: i % 2 === 0 ? 8 : -8 }}
          />
        ))}
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(t) => formatDateTime(Number(t))}
          formatter={(value, name) => {
            const pen = pens.find((p) => penKey(p.index) === name);
            if (!pen || Array.isArray(value)) return [null, null];
            return [`${formatNumber(Number(value))} ${pen.tag.unit}`, pen.tag.id];
          }}
          contentStyle={{ background: '#f2f2f2', border: '1px solid #8c8c8c', fontSize: 13 }}
        />
        {alarmBands.flatMap((b) => {
          const pen = pens.find((p) => p.tag.id === b.tag);
          if (!pen) return [];
          return [
            <ReferenceArea
              key={`alarm-${b.alarmId}-${b.start}`}
              yAxisId={pen.tag.unit || '—'}
              x1={Math.max(b.start, from)}
              x2={Math.min(b.end, to)}
              fill={priorityColour(pen.tag.alarms?.priority ?? 4)}
              fillOpacity={0.16}
              stroke="none"
              ifOverflow="hidden"
              className="trend-alarm-band"
              label={{ value: b.level, position: 'insideTop', fontSize: 11, fill: '#333' }}
            />,
          ];
        })}
        {showBand
          ? pens.map((p) => (
              <Area
                key={`band-${p.index}`}
                yAxisId={p.tag.unit || '—'}
                dataKey={bandKey(penKey(p.index))}
                stroke="none"
                fill={penColour(p.index)}
                fillOpacity={0.14}
                isAnimationActive={false}
                activeDot={false}
                tooltipType="none"
              />
            ))
          : null}
        {pens.map((p) => (
          <Line
            key={`line-${p.index}`}
            yAxisId={p.tag.unit || '—'}
            dataKey={penKey(p.index)}
            name={penKey(p.index)}
            stroke={penColour(p.index)}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
            type="linear"
          />
        ))}
        {pens.flatMap((p) =>
          (['HH', 'H', 'L', 'LL'] as const).flatMap((level) => {
            const limit = p.tag.alarms?.[level];
            if (limit === undefined) return [];
            return [
              <ReferenceLine
                key={`lim-${p.index}-${level}`}
                yAxisId={p.tag.unit || '—'}
                y={limit}
                stroke={level.length === 2 ? '#333' : '#6b6b6b'}
                strokeDasharray={level.length === 2 ? '8 3' : '4 4'}
                ifOverflow="extendDomain"
                label={{ value: `${pens.length > 1 ? `${p.tag.asset} ${p.tag.name} ` : ''}${level} ${formatTick(limit)}`, position: p.index % 2 === 0 ? 'insideTopRight' : 'insideTopLeft', fontSize: 12, fill: '#333' }}
              />,
            ];
          }),
        )}
        {drag && drag.a !== drag.b ? (
          <ReferenceArea yAxisId={units[0]} x1={Math.min(drag.a, drag.b)} x2={Math.max(drag.a, drag.b)} fill="#555" fillOpacity={0.15} stroke="#333" />
        ) : null}
      </ComposedChart>
    </ResponsiveContainer>
  );
}

export type { ChartRow };
