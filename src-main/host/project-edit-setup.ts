// Engineering edits of the project file: the one audited project store, saved connection secrets, the source
// manager and connection admin that follow edited connections, and edited tag settings applied without a restart.
import { join } from 'node:path';
import type { Clock, HistorianStore, Log, OpcuaSource } from '../services/ports.js';
import type { TagBus } from '../services/tag-bus.js';
import type { TagCatalog } from '../services/tag-catalog.js';
import type { ProjectConfig } from './config-schema.js';
import { createConnectionAdmin, type ConnectionAdmin } from './connection-admin.js';
import { openConnectionSecrets } from './connection-secrets.js';
import { watchTagSettingEdits } from './project-hot-apply.js';
import { createProjectStore, type ProjectStore } from './project-store.js';
import { projectTagSettings } from './simulator-source.js';
import { createSourceManager, type SourceManager } from './source-manager.js';

export interface ProjectEditDeps {
  project: ProjectConfig;
  dataDir: string;
  /** The editable project file; absent: `projectFile`, else `<dataDir>/project.json` seeded from `project`. */
  projectStore: ProjectStore | undefined;
  projectFile: string | undefined;
  clientPki: string;
  /** The running sources by id, shared with the composition root. */
  sources: Map<string, OpcuaSource>;
  catalog: TagCatalog;
  /** Tags kept off the uplinks; updated in place by tag-setting edits. */
  uplinkOff: Set<string>;
  bus: TagBus;
  store: Pick<HistorianStore, 'appendAudit'>;
  log: Log;
  clock: Clock;
  /** Registers a stop step with the composition root. */
  onStop(stop: () => Promise<void> | void): void;
}

export interface ProjectEditSetup {
  projectStore: ProjectStore;
  sourceManager: SourceManager;
  connectionAdmin: ConnectionAdmin;
}

export async function setupProjectEdits(d: ProjectEditDeps): Promise<ProjectEditSetup> {
  const { project, dataDir, log, clock, store, sources, catalog } = d;
  // One project store for every engineering edit (connections, tag import).
  const projectStore =
    d.projectStore ??
    (d.projectFile
      ? createProjectStore({ file: d.projectFile, log })
      : createProjectStore({ file: join(dataDir, 'project.json'), log, initial: { sources: project.sources, tagSettings: project.tagSettings } }));
  projectStore.setAudit(({ who, file, sections, summary }) =>
    store.appendAudit({
      ts: clock.now(), user: who.user, via: who.via, action: 'project-edit', tag: '(project)',
      oldValue: null, newValue: sections.join(','), status: 'saved', message: `${summary} (${file})`,
    }).then(() => undefined),
  );
  const secrets = await openConnectionSecrets(dataDir);
  const sourceManager = createSourceManager(sources, { clientPki: d.clientPki, catalog, bus: d.bus, log, clock, secrets });
  const connectionAdmin = createConnectionAdmin({
    project: projectStore, secrets, sources, clientPki: d.clientPki, log,
    reservedIds: () => [...sources.keys()].filter((id) => !projectStore.current().sources.some((s) => s.id === id)),
  });
  connectionAdmin.setRestart((id) => sourceManager.restart(id));
  // Edited tag settings go to the catalog and the uplinks' on/off set; edited connections to the source manager.
  const overrides = (tagSettings: ProjectConfig['tagSettings']) => projectTagSettings({ ...project, tagSettings });
  const watchTagSettings = watchTagSettingEdits(projectStore, { catalog, uplinkOff: d.uplinkOff, overrides, log });
  d.onStop(() => watchTagSettings.dispose());
  return { projectStore, sourceManager, connectionAdmin };
}
