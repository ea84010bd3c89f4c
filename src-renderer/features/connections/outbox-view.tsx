// The durable outbox of one uplink: backlog, fill against its size limit, oldest message, drain, drops.
import type { OutboxStatus, UplinkState } from '../../../src-main/contract/index.js';
import { formatDuration } from '../../lib/format.js';
import { uplinkDrainEtaMs, formatBytes, formatEta, formatRate, outboxFillPct, OUTBOX_FULL_WARN_PCT } from '../../lib/uplink-outbox.js';

export function OutboxView({ id, o, state }: { id: string; o: OutboxStatus; state: UplinkState }) {
  const fill = outboxFillPct(o);
  const eta = uplinkDrainEtaMs({ state, outbox: o });
  const nearlyFull = fill >= OUTBOX_FULL_WARN_PCT;
  return (
    <div className="outbox" data-testid={`outbox-${id}`}>
      <div className="outbox-head">
        <span className="muted">Store-and-forward outbox</span>
        <span className="outbox-depth">
          <span data-testid={`outbox-depth-${id}`} data-depth={o.depth}>{o.depth.toLocaleString()}</span>
          <span className="readout-unit">buffered</span>
        </span>
      </div>
      <div className={`fill-bar${nearlyFull ? ' warn' : ''}`} role="meter" aria-label="Outbox size" aria-valuemin={0} aria-valuemax={o.maxBytes} aria-valuenow={o.bytes}>
        <div className="fill-bar-fill" style={{ width: `${fill}%` }} />
      </div>
      <div className="abar-scale">
        <span>
          {formatBytes(o.bytes)} of {formatBytes(o.maxBytes)}
        </span>
        <span className={nearlyFull ? 'err-text' : ''}>{fill.toFixed(fill < 10 ? 1 : 0)} %</span>
      </div>
      <dl className="kv" style={{ marginTop: 8 }}>
        <dt>Oldest message</dt>
        <dd data-testid={`outbox-oldest-${id}`}>{o.depth > 0 ? formatDuration(o.oldestAgeMs) : '—'}</dd>
        <dt>Drain rate</dt>
        <dd>
          {formatRate(o.drainRatePerSec)}
          {eta !== null ? <span className="faint"> · empty in {formatEta(eta)}</span> : null}
        </dd>
        <dt>Delivered</dt>
        <dd data-testid={`outbox-delivered-${id}`}>{o.delivered.toLocaleString()}</dd>
        <dt>Dropped (limits)</dt>
        <dd className={o.dropped > 0 ? 'err-text' : ''} data-testid={`outbox-dropped-${id}`}>
          {o.dropped.toLocaleString()}
          {o.dropped > 0 ? ' — gaps recorded' : ''}
        </dd>
      </dl>
    </div>
  );
}
