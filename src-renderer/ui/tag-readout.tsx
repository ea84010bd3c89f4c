// One tag's live value on a card: name, value + unit, quality label when not good, alarm level, analog bar.
// Subscribes to its own tag only, so a new sample re-renders just this readout.
import { memo } from 'react';
import type { TagDto } from '../../src-main/contract/index.js';
import { useLiveValue } from '../state/hooks.js';
import { effectiveRange, limitViolated } from '../lib/analog-bar.js';
import { formatValue, qualityLabel } from '../lib/format.js';
import { AnalogBar } from './analog-bar.js';

const levelPriorityClass = (priority: number) => `prio-${Math.min(4, Math.max(1, Math.round(priority)))}`;

export const TagReadout = memo(function TagReadout({ tag }: { tag: TagDto }) {
  const sample = useLiveValue(tag.id);
  const quality = sample?.quality ?? 'stale';
  const value = sample?.value;
  const numeric = typeof value === 'number' && Number.isFinite(value) ? value : null;
  const range = tag.dataType === 'Boolean' || tag.dataType === 'String' ? null : effectiveRange(tag.euRange, tag.alarms, numeric);
  const span = range ? range.high - range.low : undefined;
  const qLabel = sample ? qualityLabel(quality) : 'no data';
  const live = quality === 'good' || quality === 'uncertain';
  const level = numeric !== null && live ? limitViolated(numeric, tag.alarms) : null;
  return (
    <div className={`readout q-${quality}`} data-testid={`readout-${tag.id}`} data-quality={quality} title={tag.description || tag.id}>
      <div className="readout-name">{tag.name}</div>
      <div className="readout-value">
        {level && tag.alarms ? <span className={`alarm-flag ${levelPriorityClass(tag.alarms.priority)}`}>{level}</span> : null}
        {qLabel ? (
          <span className="q-label" data-testid={`quality-${tag.id}`}>
            {qLabel}
          </span>
        ) : null}
        <span data-testid={`tag-value-${tag.id}`}>{formatValue(value, span)}</span>
        {tag.unit ? <span className="readout-unit">{tag.unit}</span> : null}
      </div>
      {range ? <AnalogBar value={numeric} range={range} limits={tag.alarms} quality={quality} unit={tag.unit} /> : null}
    </div>
  );
});
