// What happens on a fresh session: discover tags, read their metadata, subscribe every group.
import type { ClientSession } from 'node-opcua';
import type { SubscriptionGroup } from '../../../domain/tags.js';
import { browseVariables, mapBrowsedPaths, type DiscoveredTagPath } from './browse-tags.js';
import { GroupSubscription, type MonitoredTag, type SampleSink } from './group-subscription.js';
import type { OpcuaSourceOptions } from './options.js';
import { readTagMetadata, type TagWithType } from './read-metadata.js';
import type { OperationLimits } from './server-info.js';
import { buildSeeds } from './tag-seeds.js';

export async function discoverTags(session: ClientSession, opts: OpcuaSourceOptions, limits: OperationLimits = {}): Promise<TagWithType[]> {
  let discovered: DiscoveredTagPath[] = [];
  if (opts.browse) {
    const variables = await browseVariables(session, opts.browse.rootNodeId, limits.MaxNodesPerBrowse);
    discovered = mapBrowsedPaths(variables, opts.log, opts.id);
    opts.log.info({ source: opts.id, variables: variables.length, tags: discovered.length }, 'browsed the server address space');
  }
  const seeds = buildSeeds(opts.tags, discovered, opts.browse, opts.id, opts.log);
  return readTagMetadata(session, seeds, opts.id, opts.log, {
    read: limits.MaxNodesPerRead,
    translate: limits.MaxNodesPerTranslateBrowsePathsToNodeIds,
  });
}

const FALLBACK_GROUP: SubscriptionGroup = { name: 'default', samplingIntervalMs: 250, publishingIntervalMs: 500, queueSize: 10, deadband: null };

/** One GroupSubscription per group that has tags; tags naming an unknown group use the default settings. */
export function planSubscriptions(tags: TagWithType[], opts: OpcuaSourceOptions, sink: SampleSink, maxItemsPerCall = 0): GroupSubscription[] {
  const byGroup = new Map<string, MonitoredTag[]>();
  tags.forEach((t, index) => {
    let list = byGroup.get(t.def.group);
    if (!list) byGroup.set(t.def.group, (list = []));
    list.push({ index, def: t.def, builtIn: t.builtIn });
  });
  const out: GroupSubscription[] = [];
  for (const [name, members] of byGroup) {
    let group = opts.groups.find((g) => g.name === name);
    if (!group) {
      opts.log.warn({ source: opts.id, group: name }, `group ${name} is not configured: using default sampling settings`);
      group = { ...FALLBACK_GROUP, name };
    }
    out.push(new GroupSubscription(group, members, sink, opts.log, opts.id, maxItemsPerCall));
  }
  return out;
}
