// The application frame: navigation, alarm banner, link notice, and the current display.
import { NavBar } from './ui/nav-bar.js';
import { AlarmBanner } from './ui/alarm-banner.js';
import { LinkDownNotice } from './ui/link-down-notice.js';
import { useRoute } from './ui/router.js';
import { useLinkState } from './state/hooks.js';
import { OverviewPage } from './features/overview/overview-page.js';
import { TrendsPage } from './features/trends/trends-page.js';
import { AlarmsPage } from './features/alarms/alarms-page.js';
import { AlarmKpisPage } from './features/alarm-kpis/alarm-kpis-page.js';
import { MaintenancePage } from './features/maintenance/maintenance-page.js';
import { ConnectionsPage } from './features/connections/connections-page.js';
import { CommandsPage } from './features/commands/commands-page.js';

export function App() {
  const route = useRoute();
  const link = useLinkState();
  return (
    <div className="app" data-page={route.page} data-link={link}>
      <NavBar current={route.page} />
      <AlarmBanner />
      <LinkDownNotice />
      <main className="app-main">
        {route.page === 'overview' ? <OverviewPage /> : null}
        {route.page === 'trends' ? <TrendsPage key={route.params.getAll('tag').join('|')} initialTags={route.params.getAll('tag')} /> : null}
        {route.page === 'alarms' ? <AlarmsPage /> : null}
        {route.page === 'alarm-kpis' ? <AlarmKpisPage /> : null}
        {route.page === 'maintenance' ? <MaintenancePage /> : null}
        {route.page === 'commands' ? <CommandsPage /> : null}
        {route.page === 'connections' ? <ConnectionsPage /> : null}
      </main>
    </div>
  );
}
