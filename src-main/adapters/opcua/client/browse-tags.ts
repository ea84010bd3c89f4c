// Discovers every Variable below a root node and maps its browse path to a tag path:
// <site>/<area>/<asset>/<name>, deeper levels joined into the name with '.'.
import {
  BrowseDirection,
  NodeClass,
  NodeClassMask,
  ReferenceTypeIds,
  resolveNodeId,
  type BrowseDescriptionOptions,
  type BrowseResult,
  type ClientSession,
  type ReferenceDescription,
} from 'node-opcua';
import type { Log } from '../../../services/ports.js';

export interface BrowsedVariable {
  nodeId: string;
  /** Browse names below the root, root excluded. */
  path: string[];
}

export interface DiscoveredTagPath {
  nodeId: string;
  site: string;
  area: string;
  asset: string;
  name: string;
}

/** Nodes browsed per Browse request; each may return a continuation point. */
const NODES_PER_REQUEST = 500;
const MAX_DEPTH = 12;

async function browseAll(session: ClientSession, descriptions: BrowseDescriptionOptions[]): Promise<ReferenceDescription[][]> {
  const results: BrowseResult[] = await session.browse(descriptions);
  const references = results.map((r) => [...(r.references ?? [])]);
  // Follow continuation points until every node has given all its references.
  let pending = results
    .map((r, index) => ({ index, point: r.continuationPoint }))
    .filter((p): p is { index: number; point: Buffer } => !!p.point && p.point.length > 0);
  while (pending.length > 0) {
    const next = await session.browseNext(
      pending.map((p) => p.point),
      false,
    );
    const stillPending: typeof pending = [];
    next.forEach((r, i) => {
      const entry = pending[i];
      if (!entry) return;
      references[entry.index]?.push(...(r.references ?? []));
      if (r.continuationPoint && r.continuationPoint.length > 0) stillPending.push({ index: entry.index, point: r.continuationPoint });
    });
    pending = stillPending;
  }
  return references;
}

/** Every Variable reachable from `rootNodeId` through hierarchical references (properties excluded). */
export async function browseVariables(session: ClientSession, rootNodeId: string, maxNodesPerBrowse = 0): Promise<BrowsedVariable[]> {
  const perRequest = maxNodesPerBrowse > 0 ? Math.min(NODES_PER_REQUEST, maxNodesPerBrowse) : NODES_PER_REQUEST;
  const found: BrowsedVariable[] = [];
  const visited = new Set<string>([resolveNodeId(rootNodeId).toString()]);
  let level: Array<{ nodeId: string; path: string[] }> = [{ nodeId: rootNodeId, path: [] }];
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth++) {
    const nextLevel: typeof level = [];
    for (let start = 0; start < level.length; start += perRequest) {
      const chunk = level.slice(start, start + perRequest);
      const references = await browseAll(
        session,
        chunk.map((n) => ({
          nodeId: n.nodeId,
          browseDirection: BrowseDirection.Forward,
          referenceTypeId: ReferenceTypeIds.HierarchicalReferences,
          includeSubtypes: true,
          nodeClassMask: NodeClassMask.Object | NodeClassMask.Variable,
          resultMask: 0x3f,
        })),
      );
      chunk.forEach((parent, i) => {
        for (const ref of references[i] ?? []) {
          // Properties (EURange, EngineeringUnits …) are metadata of their variable, not tags.
          if (ref.referenceTypeId.namespace === 0 && ref.referenceTypeId.value === ReferenceTypeIds.HasProperty) continue;
          const id = ref.nodeId.toString();
          if (visited.has(id)) continue;
          visited.add(id);
          const path = [...parent.path, ref.browseName.name ?? id];
          if (ref.nodeClass === NodeClass.Variable) found.push({ nodeId: id, path });
          else nextLevel.push({ nodeId: id, path });
        }
      });
    }
    level = nextLevel;
  }
  return found;
}

/** A browse name made safe as a tag level (MQTT topic and OPC UA browse name alike). */
export function sanitizeLevel(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? '_' : cleaned;
}

/** Maps browse paths to tag paths; variables shallower than four levels are skipped with a logged reason. */
export function mapBrowsedPaths(variables: BrowsedVariable[], log: Log, sourceId: string): DiscoveredTagPath[] {
  const out: DiscoveredTagPath[] = [];
  let skipped = 0;
  for (const v of variables) {
    if (v.path.length < 4) {
      skipped++;
      log.debug({ source: sourceId, nodeId: v.nodeId, path: v.path.join('/') }, 'browsed variable skipped: a tag needs site/area/asset/name below the root');
      continue;
    }
    const [site, area, asset, ...rest] = v.path.map(sanitizeLevel);
    out.push({ nodeId: v.nodeId, site: site ?? '_', area: area ?? '_', asset: asset ?? '_', name: sanitizeLevel(rest.join('.')) });
  }
  if (skipped > 0) {
    log.warn({ source: sourceId, skipped }, `${skipped} browsed variables skipped: fewer than 4 levels (site/area/asset/name) below the browse root`);
  }
  return out;
}
