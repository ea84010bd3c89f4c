// Health and connection summaries for /api/health, the Connections page and the health event.
import type { ConnectionsDto, HealthDto } from '../contract/index.js';
import type { CommandGate } from '../services/command-gate.js';
import type { BridgeServer, Clock, HistorianStore, OpcuaSource, Uplink } from '../services/ports.js';
import type { TagBus } from '../services/tag-bus.js';

export interface StatusViewDeps {
  version: string;
  startedAt: number;
  clock: Clock;
  sources: () => OpcuaSource[];
  uplinks: () => Uplink[];
  bridgeServer: () => BridgeServer | null;
  store: HistorianStore;
  bus: TagBus;
  gate: CommandGate;
  http: { bind: string; authRequired: boolean };
}

export function createStatusView(d: StatusViewDeps) {
  let apiUrl = '';

  function health(): HealthDto {
    const sources = d.sources().map((s) => s.status());
    const uplinks = d.uplinks().map((u) => u.status());
    const historian = d.store.status();
    const degraded =
      sources.some((s) => s.state !== 'connected') ||
      uplinks.some((u) => u.state !== 'connected') ||
      historian.lastError !== null;
    return {
      status: degraded ? 'degraded' : 'ok',
      version: d.version,
      startedAt: d.startedAt,
      now: d.clock.now(),
      sources,
      uplinks,
      bridgeServer: d.bridgeServer()?.status() ?? null,
      historian,
      counters: { ...d.bus.counters(), rejectedCommands: d.gate.counters().rejected },
    };
  }

  function connections(): ConnectionsDto {
    return {
      sources: d.sources().map((s) => s.status()),
      uplinks: d.uplinks().map((u) => u.status()),
      bridgeServer: d.bridgeServer()?.status() ?? null,
      api: { url: apiUrl, bind: d.http.bind, authRequired: d.http.authRequired },
    };
  }

  return {
    health,
    connections,
    setApiUrl: (url: string) => {
      apiUrl = url;
    },
  };
}
