// One chip for "can I trust what I see": link to PlantBridge, then the plant sources behind it.
import { useHealth, useLinkState } from '../state/hooks.js';
import { href } from './router.js';

export function ConnectionChip() {
  const link = useLinkState();
  const health = useHealth();
  if (link !== 'open') {
    return (
      <a className="chip down" data-testid="connection-chip" data-state={link} href={href('connections')}>
        <span className="chip-dot" />
        {link === 'connecting' ? 'Connecting…' : 'PlantBridge offline'}
      </a>
    );
  }
  const sources = health?.sources ?? [];
  const up = sources.filter((s) => s.state === 'connected').length;
  const abnormal = sources.length > 0 && up < sources.length;
  const text = sources.length === 0 ? 'Connected' : `Sources ${up}/${sources.length}`;
  return (
    <a
      className={`chip${abnormal ? ' abnormal' : ''}`}
      data-testid="connection-chip"
      data-state={abnormal ? 'degraded' : 'open'}
      href={href('connections')}
      title={abnormal ? 'One or more plant sources are not connected' : 'Connected to PlantBridge'}
    >
      <span className="chip-dot" />
      {text}
    </a>
  );
}
