// Legend with each pen's current live value, so the operator reads the number without hovering.
import type { TagDto } from '../../../src-main/contract/index.js';
import { useLiveValue } from '../../state/hooks.js';
import { formatValue, qualityLabel } from '../../lib/format.js';
import { penColour } from '../../lib/pens.js';
import { priorityColour } from '../../lib/alarm-bands.js';

function LegendItem({ tag, index, rawCount }: { tag: TagDto; index: number; rawCount: number | undefined }) {
  const s = useLiveValue(tag.id);
  const q = s ? qualityLabel(s.quality) : 'no data';
  return (
    <span className="legend-item" data-testid={`legend-${tag.id}`}>
      <span className="pen-swatch" style={{ background: penColour(index), height: 4, width: 22 }} />
      <span>{tag.id}</span>
      {q ? <span className="q-label">{q}</span> : null}
      <span className="legend-value">
        {formatValue(s?.value)} {tag.unit}
      </span>
      {rawCount !== undefined ? <span className="faint">({rawCount.toLocaleString()} stored)</span> : null}
    </span>
  );
}

export function TrendLegend({ tags, rawCounts, alarmBands = 0 }: { tags: readonly TagDto[]; rawCounts: ReadonlyMap<string, number>; alarmBands?: number }) {
  const priorities = [...new Set(tags.flatMap((t) => (t.alarms ? [t.alarms.priority] : [])))].sort();
  return (
    <div className="legend">
      {tags.map((t, i) => (
        <LegendItem key={t.id} tag={t} index={i} rawCount={rawCounts.get(t.id)} />
      ))}
      {priorities.length > 0 ? (
        <span className="legend-item" data-testid="legend-alarms" data-bands={alarmBands}>
          {priorities.map((p) => (
            <span key={p} className="pen-swatch" style={{ background: priorityColour(p), opacity: 0.5, height: 12, width: 14 }} title={`priority ${p}`} />
          ))}
          <span>alarm active ({alarmBands} in view)</span>
          <span className="pen-swatch" style={{ borderTop: '2px dashed #333', height: 0, width: 22 }} />
          <span>alarm limits</span>
        </span>
      ) : null}
    </div>
  );
}
