// The request handler table: written once, checked against the contract with `satisfies`, used by every
// transport (HTTP, WebSocket, Electron IPC).
import type {
  ConnectionsDto,
  FlagDto,
  FlagHistoryEntry,
  HealthDto,
  HypercatCatalogue,
  ParsedArgs,
  RemoteCommandsDto,
  RequestHandlers,
  RunHoursDto,
  TagImportProgressDto,
  TagSample,
} from '../contract/index.js';
import type { CommandGate } from '../services/command-gate.js';
import { RemoteCommandSettingError } from '../services/remote-commands.js';
import type { CertificateDoctor, Clock, HistorianStore, TrustStores, Uplink } from '../services/ports.js';
import { auditedCertificateAction, createCertificateHandlers } from './certificate-handlers.js';
import type { TagCatalog } from '../services/tag-catalog.js';
import { alarmKpis, searchJournal } from './alarm-report-handlers.js';
import { createAlarmActionHandlers, refusalsAsRequestErrors, type AlarmHandlerDeps } from './alarm-handlers.js';
import { RequestError } from './request-error.js';
import { flagAction } from './flag-handlers.js';
import type { ConnectionAdmin } from './connection-admin.js';
import { createConnectionHandlers } from './connection-handlers.js';
import type { ProjectStore } from './project-store.js';
import { createTagImportHandlers } from './tag-import-handlers.js';

export interface HandlerDeps {
  catalog: TagCatalog;
  store: HistorianStore;
  gate: CommandGate;
  trust: TrustStores;
  /** The certificate doctor (own certificates, reasons, reject/remove/import/regenerate); absent: 404 for those. */
  certificates?: CertificateDoctor;
  alarms: AlarmHandlerDeps;
  flags: {
    list(): FlagDto[];
    /** The optional members are the maintenance actions (absent: 404 for those requests). */
    acknowledge?(id: string, user: string, comment: string): Promise<FlagDto>;
    setWorkOrder?(id: string, workOrder: string, user: string): Promise<FlagDto>;
    clear?(id: string, user: string, reason: string): Promise<FlagDto>;
    history?(q: { from?: number | undefined; to?: number | undefined; limit: number }): Promise<FlagHistoryEntry[]>;
    runHours?(): RunHoursDto[];
  };
  remote: {
    status(): RemoteCommandsDto;
    setEnabled(tag: string, enabled: boolean, user: string, via: string): Promise<RemoteCommandsDto>;
  };
  uplinks(): Uplink[];
  snapshot(): TagSample[];
  health(): HealthDto;
  connections(): ConnectionsDto;
  /** Operators sharing the alarm load, for the KPI report (project `alarmKpis.operators`, default 1). */
  kpiOperators?: number;
  clock?: Clock;
  /** The latest sample of one tag, or undefined before the first. */
  latest(tag: string): TagSample | undefined;
  /** The HyperCat catalogue page, or null when `hypercat.enabled` is off. */
  hypercat(q: ParsedArgs<'hypercat'>): HypercatCatalogue | null;
  /** Connection engineering (project file edits, test, endpoints, browse); absent: those requests answer 404. */
  connectionAdmin?: ConnectionAdmin;
  /** The project file engineering edits go to (tag import/export); absent or null: those requests answer 409. */
  projectStore?: () => ProjectStore | null;
  /** Progress of a running tag import (the `tagImport` event). */
  tagImportProgress?: (p: TagImportProgressDto) => void;
}

export function createHandlers(d: HandlerDeps): RequestHandlers {
  const report = { ...d, clock: d.clock ?? { now: () => Date.now() }, operators: d.kpiOperators ?? 1 };
  const doctor = d.certificates;
  const certificateHandlers = createCertificateHandlers({
    doctor: doctor ?? missingDoctor(),
    store: d.store,
    clock: report.clock,
  });
  return {
    health: async () => d.health(),
    connections: async () => ({ ...d.connections(), ...(d.connectionAdmin ? { configured: d.connectionAdmin.list() } : {}) }),
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
      return refusalsAsRequestErrors(() => d.alarms.acknowledge(id, comment, caller.user));
    },
    alarmJournal: async (q) => searchJournal(report, q),
    listFlags: async () => d.flags.list(),
    writeTag: async ({ tag, value }, caller) => {
      const r = await d.gate.write({ tag, value, user: caller.user, via: caller.via });
      return { tag, ...r };
    },
    listCertificates: async () => (doctor ? doctor.list() : d.trust.list()),
    trustCertificate: async ({ store, thumbprint }, caller) => {
      if (doctor) {
        const t = thumbprint.toLowerCase();
        return auditedCertificateAction({ doctor, store: d.store, clock: report.clock }, 'trust', caller, { store, thumbprint: t }, () =>
          doctor.trust(t, store),
        );
      }
      try {
        await d.trust.trust(store, thumbprint);
      } catch (err) {
        throw new RequestError(404, (err as Error).message);
      }
      return d.trust.list();
    },
    ...certificateHandlers,
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
    alarmKpis: async (q) => alarmKpis(report, q),
    ...createAlarmActionHandlers(d.alarms),
    ackFlag: async ({ id, comment }, caller) => flagAction(d.flags.acknowledge, (f) => f(id, caller.user, comment)),
    setFlagWorkOrder: async ({ id, workOrder }, caller) =>
      flagAction(d.flags.setWorkOrder, (f) => f(id, workOrder, caller.user)),
    clearFlag: async ({ id, reason }, caller) => flagAction(d.flags.clear, (f) => f(id, caller.user, reason)),
    flagHistory: async (q) => (d.flags.history ? d.flags.history(q) : []),
    runHours: async () => d.flags.runHours?.() ?? [],
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
    ...createConnectionHandlers(d.connectionAdmin),
    ...createTagImportHandlers({
      project: () => d.projectStore?.() ?? null,
      audit: (e) => d.store.appendAudit(e),
      progress: (p) => d.tagImportProgress?.(p),
      now: () => report.clock.now(),
    }),
  } satisfies RequestHandlers;
}

/** Stands in when no doctor is wired (tests of other handlers): every certificate action answers 404. */
function missingDoctor(): CertificateDoctor {
  const absent = async (): Promise<never> => {
    throw new RequestError(404, 'certificate management is not available in this process');
  };
  return { list: absent, trust: absent, reject: absent, remove: absent, import: absent, regenerate: absent, exportOwn: absent };
}
