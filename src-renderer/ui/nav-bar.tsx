// Top navigation: the displays, uplink outage chips, the connection chip and the clock.
import { pages, pageTitles, href, type Page } from './router.js';
import { ConnectionChip } from './connection-chip.js';
import { UplinkChips } from './uplink-chips.js';
import { useNow } from './use-now.js';
import { formatClock } from '../lib/format.js';

export function NavBar({ current }: { current: Page }) {
  const now = useNow(1000);
  return (
    <nav className="nav" aria-label="Displays">
      <div className="nav-brand">PlantBridge</div>
      {pages.map((p) => (
        <a key={p} href={href(p)} className={`nav-link${p === current ? ' active' : ''}`} data-testid={`nav-${p}`} aria-current={p === current ? 'page' : undefined}>
          {pageTitles[p]}
        </a>
      ))}
      <div className="nav-spacer" />
      <UplinkChips />
      <ConnectionChip />
      <div className="nav-clock" data-testid="clock">{formatClock(now)}</div>
    </nav>
  );
}
