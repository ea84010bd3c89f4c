// Health and connection summaries for /api/health, the Connections page and the health event.
import type { ConnectionsDto, HealthDto, UplinkStatus } from '../contract/index.js';
import type { CommandGate } from '../services/command-gate.js';
import type { BridgeServer, Clock, HistorianStore, OpcuaSource, Uplink } from '../services/ports.js';
import type { TagBus } from '../services/tag-bus.js';

export interface StatusViewDeps {
  version: string;
  startedAt: number;
  clock: Clock;
  sources: () => OpcuaSource[];
  bridgeServer: () => BridgeServer | null;
  store: HistorianStore;
  bus: TagBus;
  gate: CommandGate;
  http: { bind: string; authRequired: boolean };
}

export function createStatusView(d: StatusViewDeps) {
  let uplink: Uplink | null = null;
  let apiUrl = '';

  function uplinkStatus(): UplinkStatus {
    if (uplink) return uplink.status();
    return {
      kind: 'mqtt-json',
      url: null,
      embeddedBroker: false,
      state: 'disabled',
      since: d.startedAt,
      lastError: null,
      published: 0,
      failed: 0,
      skipped: 0,
      queued: 0,
      topicPrefix: '',
    };
  }

  function health(): HealthDto {
    const sources = d.sources().map((s) => s.status());
    const up = uplinkStatus();
    const historian = d.store.status();
    const degraded =
      sources.some((s) => s.state !== 'connected') ||
      up.state === 'disconnected' ||
      up.state === 'connecting' ||
      historian.lastError !== null;
    return {
      status: degraded ? 'degraded' : 'ok',
      version: d.version,
      startedAt: d.startedAt,
      now: d.clock.now(),
      sources,
      uplink: up,
      bridgeServer: d.bridgeServer()?.status() ?? null,
      historian,
      counters: { ...d.bus.counters(), rejectedCommands: d.gate.counters().rejected },
    };
  }

  function connections(): ConnectionsDto {
    return {
      sources: d.sources().map((s) => s.status()),
      uplink: uplinkStatus(),
      bridgeServer: d.bridgeServer()?.status() ?? null,
      api: { url: apiUrl, bind: d.http.bind, authRequired: d.http.authRequired },
    };
  }

  return {
    health,
    connections,
    setUplink: (u: Uplink | null) => {
      uplink = u;
    },
    setApiUrl: (url: string) => {
      apiUrl = url;
    },
  };
}
