// The request handler table: written once, checked against the contract with `satisfies`, used by every
// transport (HTTP, WebSocket, Electron IPC).
import type {
  ParsedArgs,
  AlarmDto,
  ConnectionsDto,
  FlagDto,
  HealthDto,
  HypercatCatalogue,
  RemoteCommandsDto,
  RequestHandlers,
  TagSample,
} from '../contract/index.js';
import type { CommandGate } from '../services/command-gate.js';
import { RemoteCommandSettingError } from '../services/remote-commands.js';
import type { HistorianStore, TrustStores, Uplink } from '../services/ports.js';
import type { TagCatalog } from '../services/tag-catalog.js';
import { RequestError } from './request-error.js';

export interface HandlerDeps {
  catalog: TagCatalog;
  store: HistorianStore;
  gate: CommandGate;
  trust: TrustStores;
  alarms: {
    list(filter: 'active' | 'all'): AlarmDto[];
    acknowledge(id: string, comment: string, user: string): Promise<AlarmDto>;
  };
  flags: { list(): FlagDto[] };
  remote: {
    status(): RemoteCommandsDto;
    setEnabled(tag: string, enabled: boolean, user: string, via: string): Promise<RemoteCommandsDto>;
  };
  uplinks(): Uplink[];
  snapshot(): TagSample[];
  health(): HealthDto;
  connections(): ConnectionsDto;
  /** The latest sample of one tag, or undefined before the first. */
  latest(tag: string): TagSample | undefined;
  /** The HyperCat catalogue page, or null when `hypercat.enabled` is off. */
  hypercat(q: ParsedArgs<'hypercat'>): HypercatCatalogue | null;
}

export function createHandlers(d: HandlerDeps): RequestHandlers {
  return {
    health: async () => d.health(),
    connections: async () => d.connections(),
    listTags: async () => d.catalog.all().map(({ deadband: _deadband, ...dto }) => dto),
    snapshot: async () => d.snapshot(),
    history: async (q) => {
      if (!d.catalog.get(q.tag)) throw new RequestError(404, `unknown tag ${q.tag}`);
      return d.store.queryHistory(q);
    },
    listAlarms: async ({ state }) => d.alarms.list(state),
    ackAlarm: async ({ id, comment }, caller) => {
      const alarm = d.alarms.list('all').find((a) => a.id === id);
      if (!alarm) throw new RequestError(404, `unknown alarm ${id}`);
      if (alarm.acknowledged || alarm.state === 'normal') {
        throw new RequestError(409, `alarm ${id} is not waiting for acknowledgement (state ${alarm.state})`);
      }
      return d.alarms.acknowledge(id, comment, caller.user);
    },
    alarmJournal: async (q) => d.store.queryJournal(q),
    listFlags: async () => d.flags.list(),
    writeTag: async ({ tag, value }, caller) => {
      const r = await d.gate.write({ tag, value, user: caller.user, via: caller.via });
      return { tag, ...r };
    },
    listCertificates: async () => d.trust.list(),
    trustCertificate: async ({ store, thumbprint }) => {
      try {
        await d.trust.trust(store, thumbprint);
      } catch (err) {
        throw new RequestError(404, (err as Error).message);
      }
      return d.trust.list();
    },
    commandLog: async (q) => d.store.queryAudit(q),
    remoteCommands: async () => d.remote.status(),
    setRemoteCommand: async ({ tag, enabled }, caller) => {
      try {
        return await d.remote.setEnabled(tag, enabled, caller.user, caller.via);
      } catch (err) {
        if (err instanceof RemoteCommandSettingError) throw new RequestError(409, err.message);
        throw err;
      }
    },
    uplinkDrill: async ({ id, action }) => {
      const uplink = d.uplinks().find((u) => u.id === id);
      if (!uplink) throw new RequestError(404, `no uplink ${id}`);
      await uplink.setCut(action === 'cut');
      return uplink.status();
    },
    testUplink: async ({ id }) => {
      const uplink = d.uplinks().find((u) => u.id === id);
      if (!uplink) throw new RequestError(404, `no uplink ${id}`);
      if (!uplink.test) throw new RequestError(409, `uplink ${id} has no connection test`);
      return uplink.test();
    },
    tagValue: async ({ tag }) => {
      const def = d.catalog.get(tag);
      if (!def) throw new RequestError(404, `unknown tag ${tag}`);
      return { tag, unit: def.unit, sample: d.latest(tag) ?? null };
    },
    hypercat: async (q) => {
      const cat = d.hypercat(q);
      if (cat === null) throw new RequestError(404, 'the HyperCat catalogue is switched off (hypercat.enabled)');
      return cat;
    },
  } satisfies RequestHandlers;
}
