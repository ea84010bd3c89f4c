// Hot-apply of the project's connections: a connection added, changed or removed in the project file starts,
// restarts or stops that one source, without restarting the app. Sources not from the project (the built-in
// simulator) are left alone.
import { isDeepStrictEqual } from 'node:util';
import type { OpcuaSource } from '../services/ports.js';
import type { SourceConfig } from './config-schema.js';
import { createSource, type SourceDeps } from './source-setup.js';

export interface SourceManager {
  /** Starts the enabled sources of `configs` (the first call) or brings the running set in line with them. */
  apply(configs: SourceConfig[]): Promise<void>;
  /** Stops and starts one project source again with the same settings (e.g. after its saved password changed). */
  restart(id: string): Promise<void>;
  stopAll(): Promise<void>;
}

export function createSourceManager(running: Map<string, OpcuaSource>, deps: SourceDeps): SourceManager {
  let applied = new Map<string, SourceConfig>();
  // Applies run one after the other, so a quick edit after another never races it.
  let queue: Promise<void> = Promise.resolve();

  async function stopOne(id: string): Promise<void> {
    const source = running.get(id);
    if (!source) return;
    running.delete(id);
    await source.stop().catch((err: unknown) => deps.log.warn({ err, source: id }, 'error while stopping a source'));
    deps.catalog.setSourceTags(id, []);
  }

  async function reconcile(configs: SourceConfig[]): Promise<void> {
    const next = new Map(configs.map((c) => [c.id, c]));
    for (const [id, old] of applied) {
      const now = next.get(id);
      if (now && isDeepStrictEqual(now, old)) continue;
      deps.log.info({ source: id }, now ? 'connection settings changed: restarting the source' : 'connection removed: stopping the source');
      await stopOne(id);
    }
    const starting: Promise<void>[] = [];
    for (const [id, cfg] of next) {
      const old = applied.get(id);
      if (old && isDeepStrictEqual(old, cfg)) continue;
      if (!cfg.enabled) continue;
      if (running.has(id)) {
        deps.log.error({ source: id }, `a source ${id} is already running: the connection of the project is not started`);
        continue;
      }
      const source = createSource(cfg, deps);
      running.set(id, source);
      // start() resolves after the first attempt and never throws; failures show in the source status.
      starting.push(source.start());
    }
    applied = next;
    await Promise.all(starting);
  }

  return {
    apply(configs) {
      const run = queue.then(() => reconcile(configs));
      queue = run.catch((err: unknown) => deps.log.error({ err }, 'applying the connections failed'));
      return run;
    },
    restart(id) {
      const run = queue.then(async () => {
        const cfg = applied.get(id);
        if (!cfg || !running.has(id)) return;
        await stopOne(id);
        const source = createSource(cfg, deps);
        running.set(id, source);
        await source.start();
      });
      queue = run.catch((err: unknown) => deps.log.error({ err }, 'restarting a source failed'));
      return run;
    },
    async stopAll() {
      await queue;
      for (const id of [...applied.keys()]) await stopOne(id);
      applied = new Map();
    },
  };
}
