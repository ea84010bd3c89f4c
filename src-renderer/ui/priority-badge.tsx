// Alarm priority: filled colour while unacknowledged, outlined once acknowledged (ISA-18.2 display convention).
export function PriorityBadge({ priority, acknowledged }: { priority: number; acknowledged: boolean }) {
  const p = Math.min(4, Math.max(1, Math.round(priority)));
  return (
    <span className={`prio-badge prio-${p}${acknowledged ? ' acked' : ''}`} title={acknowledged ? 'Acknowledged' : 'Unacknowledged'}>
      P{p}
    </span>
  );
}
