// Composition root: builds the data path of DESIGN.md from the project settings and starts it.
// Start order puts every listening port first, so a port in use fails before anything connects; whatever was
// started is stopped again on failure ("nothing half-started").
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RequestHandlers, TagSample } from '../contract/index.js';
import { createTrustStores } from '../adapters/opcua/pki.js';
import { createBridgeServer } from '../adapters/opcua/server/index.js';
import { createSqliteHistorian } from '../adapters/store/index.js';
import { createAlarmService } from '../services/alarm-service.js';
import { createCommandGate } from '../services/command-gate.js';
import { SYSTEM_TAG_PREFIX } from '../domain/system-alarm.js';
import { EventHub } from '../services/event-hub.js';
import { LiveStream } from '../services/live-stream.js';
import { createMaintenanceService } from '../services/maintenance-service.js';
import { maintenanceOptions } from './maintenance-config.js';
import type { BridgeServer, Clock, Log, OpcuaSource, Uplink } from '../services/ports.js';
import { TagBus } from '../services/tag-bus.js';
import { TagCatalog } from '../services/tag-catalog.js';
import type { ProjectConfig } from './config-schema.js';
import { createHandlers } from './handlers.js';
import { apiAuthRequired, createAuthenticator } from './http-auth.js';
import { startHttpServer } from './http-server.js';
import { createRemoteCommands } from './remote-commands-setup.js';
import { projectTagSettings, startSimulatorSource } from './simulator-source.js';
import { createSources } from './source-setup.js';
import { createStatusView } from './status-view.js';
import { startUplinks } from './uplink-setup.js';
import { alarmActionsOf } from './alarm-outputs.js';
import { apiBaseUrl, createHypercatService, mqttStreamBase } from './hypercat-catalogue.js';
import { startCoapServer } from './coap-setup.js';
import type { ProjectStore } from './project-store.js';
import { setupCertificateDoctor } from './certificate-doctor-setup.js';
import { uplinkOffTags } from './project-hot-apply.js';
import { setupProjectEdits } from './project-edit-setup.js';
import { wireDataPath } from './data-path-setup.js';
import { startMonitors } from './monitors-setup.js';

export interface AppSettings {
  project: ProjectConfig;
  dataDir: string;
  version: string;
  /** Folder of the built UI (dist/renderer). */
  staticDir: string;
  log: Log;
  clock?: Clock;
  /** The project file engineering edits (connections, tag import) are written to, when no `projectStore` is given. */
  projectFile?: string;
  /** Stops and starts the app again in-process (LwM2M Reboot); absent when the host cannot restart it. */
  requestRestart?: () => void;
  /** The editable project file (serve passes it); absent: edits go to `projectFile`, else to `<dataDir>/project.json`,
   * starting from the given project's sources and tag settings. */
  projectStore?: ProjectStore;
}

export interface RunningApp {
  uiUrl: string;
  opcuaEndpoint: string | null;
  mqttUrl: string | null;
  simulatorEndpoint: string | null;
  handlers: RequestHandlers;
  events: EventHub;
  live: LiveStream;
  stop(): Promise<void>;
}

type Stopper = () => Promise<void> | void;

export async function startApp(settings: AppSettings): Promise<RunningApp> {
  const { project, dataDir, log } = settings;
  const clock: Clock = settings.clock ?? { now: () => Date.now() };
  const stoppers: Stopper[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) {
      await Promise.resolve()
        .then(stop)
        .catch((err: unknown) => log.warn({ err }, 'error while stopping'));
    }
    stoppers.length = 0;
  };

  try {
    await mkdir(dataDir, { recursive: true });
    const authRequired = apiAuthRequired(project.users, project.http.bind);

    const store = createSqliteHistorian({
      dbPath: join(dataDir, 'plantbridge.db'),
      retentionDays: project.historian.retentionDays,
      flushIntervalMs: project.historian.flushIntervalMs,
      log,
      clock,
    });
    await store.open();
    stoppers.push(() => store.close());

    const catalog = new TagCatalog(projectTagSettings(project));
    const uplinkOff = new Set(uplinkOffTags(project.tagSettings));
    const bus = new TagBus(log);
    const events = new EventHub();
    const live = new LiveStream(100);
    const sources = new Map<string, OpcuaSource>();
    const gate = createCommandGate({ catalog, sourceFor: (id) => sources.get(id), store, clock, log });
    const alarms = createAlarmService({ store, clock, log });
    await alarms.load();
    const maintenance = createMaintenanceService({
      store,
      clock,
      log,
      maintenanceStore: store,
      ...maintenanceOptions(project.maintenance),
    });
    const latest = new Map<string, TagSample>();
    const pki = { clientPki: join(dataDir, 'pki', 'client'), serverPki: join(dataDir, 'pki', 'server') };
    const trust = createTrustStores(pki);
    const onStop = (stop: Stopper): void => {
      stoppers.push(stop);
    };
    const { projectStore, sourceManager, connectionAdmin } = await setupProjectEdits({
      project, dataDir, projectStore: settings.projectStore, projectFile: settings.projectFile,
      clientPki: pki.clientPki, sources, catalog, uplinkOff, bus, store, log, clock, onStop,
    });
    let simulatorRef: { trustClientCertificate(file: string): Promise<void> } | null = null;
    const certificates = setupCertificateDoctor({
      pki,
      bind: project.http.bind,
      sources: () => [...sources.values()],
      bridgeServer: () => bridgeServer,
      simulator: () => simulatorRef,
      log,
      clock,
    });

    const remote = createRemoteCommands(project, { dataDir, gate: gate.write, store, clock, log });
    stoppers.push(() => remote.stop());

    let bridgeServer: BridgeServer | null = null;
    let uplinks: Uplink[] = [];
    let apiUrl = '';
    let brokerUrl: string | null = null;
    let coapServerUrl: string | null = null;
    const hypercat = createHypercatService({
      catalog,
      links: () => ({
        apiBase: apiBaseUrl(project, apiUrl),
        mqttBase: mqttStreamBase(project, brokerUrl),
        coapBase: project.hypercat.coapBaseUrl ?? coapServerUrl,
        description: project.hypercat.description,
      }),
    });
    stoppers.push(() => hypercat.dispose());
    const status = createStatusView({
      version: settings.version,
      startedAt: clock.now(),
      clock,
      sources: () => [...sources.values()],
      uplinks: () => uplinks,
      bridgeServer: () => bridgeServer,
      store,
      bus,
      gate,
      http: { bind: project.http.bind, authRequired },
    });
    const handlers = createHandlers({
      catalog,
      store,
      gate,
      trust,
      certificates,
      alarms,
      flags: maintenance,
      remote,
      uplinks: () => uplinks,
      snapshot: () => [...latest.values()],
      health: () => status.health(),
      connections: () => status.connections(),
      kpiOperators: project.alarmKpis.operators,
      clock,
      latest: (tag) => latest.get(tag),
      hypercat: (q) => (project.hypercat.enabled ? hypercat.query(q) : null),
      connectionAdmin,
      projectStore: () => projectStore,
      tagImportProgress: (p) => events.emit('tagImport', p),
    });

    // Listening ports first: a port in use fails here, before anything connects to a plant.
    const http = await startHttpServer({
      bind: project.http.bind,
      port: project.http.port,
      handlers,
      auth: createAuthenticator(project.users, authRequired),
      staticDir: settings.staticDir,
      events,
      live,
      log,
    });
    stoppers.push(() => http.stop());
    status.setApiUrl(http.url);
    apiUrl = http.url;

    const uplinkSetup = await startUplinks({
      project, dataDir, remote, log, clock,
      writeGate: gate.write,
      systemAlarms: () => alarms.list('active').filter((a) => a.tag.startsWith(`${SYSTEM_TAG_PREFIX}/`)).map((a) => a.tag),
      ...(settings.requestRestart ? { requestRestart: settings.requestRestart } : {}),
    });
    stoppers.push(() => uplinkSetup.stop());
    uplinks = uplinkSetup.uplinks;
    brokerUrl = uplinkSetup.brokerUrl;

    if (project.bridgeServer.enabled) {
      const server = createBridgeServer({
        host: project.http.bind,
        port: project.bridgeServer.port,
        pkiDir: pki.serverPki,
        users: project.users,
        insecure: project.bridgeServer.insecure,
        writeGate: gate.write,
        alarmActions: alarmActionsOf(alarms),
        log,
      });
      server.setAlarms(alarms.list('all'));
      await server.start();
      stoppers.push(() => server.stop());
      bridgeServer = server;
    }

    const coapServer = await startCoapServer(project, { log, current: (id) => latest.get(id) });
    if (coapServer) {
      stoppers.push(() => coapServer.stop());
      coapServerUrl = coapServer.url;
    }

    const sim = project.simulator.enabled ? await startSimulatorSource(project, dataDir, pki.clientPki, log) : null;
    if (sim) stoppers.push(() => sim.stop());
    simulatorRef = sim;

    // The data path: every batch to every consumer, each of which only queues or does bounded work.
    wireDataPath({
      bus, catalog, store, latest, uplinkOff, coapServer, alarms, maintenance, live, events, log,
      uplinks: () => uplinks,
      bridgeServer: () => bridgeServer,
    });
    await maintenance.start();
    stoppers.push(() => maintenance.stop());
    live.start();
    stoppers.push(() => live.stop());

    const sourceConfigs = sim ? [sim.sourceConfig] : [];
    for (const [id, source] of createSources(sourceConfigs, { clientPki: pki.clientPki, catalog, bus, log, clock })) {
      sources.set(id, source);
      stoppers.push(() => source.stop());
    }
    // The project's connections: started now, and restarted/stopped when an edit of the project file changes them.
    stoppers.push(() => sourceManager.stopAll());
    const watchSources = projectStore.onChange((next) => sourceManager.apply(next.sources));
    stoppers.push(() => watchSources.dispose());
    await Promise.all([sim ? [...sources.values()].map((s) => s.start()) : [], sourceManager.apply(project.sources)].flat());

    startMonitors({
      dataDir, systemAlarms: project.systemAlarms, alarms, events, store, clock, log, onStop,
      sources: () => [...sources.values()],
      uplinks: () => uplinks,
      health: () => status.health(),
    });

    return {
      uiUrl: http.url,
      opcuaEndpoint: bridgeServer?.status().endpointUrl ?? null,
      mqttUrl: uplinkSetup.brokerUrl,
      simulatorEndpoint: sim?.endpointUrl ?? null,
      handlers,
      events,
      live,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
