// Reads the metadata of every tag in bulk (a few requests for thousands of tags) and builds the TagDef list.
import {
  AttributeIds,
  StatusCodes,
  type DataType,
  type BrowsePath,
  type ClientSession,
  type DataValue,
  type NodeId,
  type ReadValueIdOptions,
} from 'node-opcua';
import type { EuRange } from '../../../contract/index.js';
import type { TagDef } from '../../../domain/tags.js';
import type { Log } from '../../../services/ports.js';
import type { TagSeed } from './tag-seeds.js';
import { builtInOf, plainValue, tagDataTypeOf } from './values.js';

export interface TagWithType {
  def: TagDef;
  /** OPC UA built-in type of the value, used to coerce writes. */
  builtIn: DataType;
}

const CHUNK = 1000;
const CURRENT_WRITE = 0x02;

/** Per-call limits of the server (MaxNodesPerRead, MaxNodesPerTranslateBrowsePathsToNodeIds); 0 = none. */
export interface MetadataLimits {
  read?: number | undefined;
  translate?: number | undefined;
}

const step = (limit: number | undefined) => (limit && limit > 0 ? Math.min(CHUNK, limit) : CHUNK);

async function readChunked(session: ClientSession, nodes: ReadValueIdOptions[], limit?: number): Promise<DataValue[]> {
  const out: DataValue[] = [];
  const n = step(limit);
  for (let i = 0; i < nodes.length; i += n) out.push(...(await session.read(nodes.slice(i, i + n))));
  return out;
}

/** NodeIds of the EURange and EngineeringUnits properties of each node (null where absent). */
async function findProperties(session: ClientSession, nodeIds: string[], limit?: number): Promise<Array<{ euRange: NodeId | null; units: NodeId | null }>> {
  const paths: Array<{ startingNode: string; relativePath: unknown }> = [];
  for (const nodeId of nodeIds) {
    for (const name of ['EURange', 'EngineeringUnits']) {
      paths.push({
        startingNode: nodeId,
        relativePath: { elements: [{ referenceTypeId: 'i=46', isInverse: false, includeSubtypes: true, targetName: { namespaceIndex: 0, name } }] },
      });
    }
  }
  const targets: Array<NodeId | null> = [];
  const n = step(limit);
  for (let i = 0; i < paths.length; i += n) {
    const results = await session.translateBrowsePath(paths.slice(i, i + n) as unknown as BrowsePath[]);
    for (const r of results) targets.push(r.statusCode.isGood() && r.targets?.[0] ? (r.targets[0].targetId as unknown as NodeId) : null);
  }
  return nodeIds.map((_, i) => ({ euRange: targets[2 * i] ?? null, units: targets[2 * i + 1] ?? null }));
}

function euRangeOf(value: DataValue | undefined): EuRange | null {
  const range = value?.value?.value as { low?: unknown; high?: unknown } | null | undefined;
  if (!range || typeof range.low !== 'number' || typeof range.high !== 'number') return null;
  return { low: range.low, high: range.high };
}

function unitOf(value: DataValue | undefined): string | null {
  const info = value?.value?.value as { displayName?: { text?: unknown } } | null | undefined;
  const text = info?.displayName?.text;
  return typeof text === 'string' ? text : null;
}

const ATTRIBUTES = [AttributeIds.Value, AttributeIds.Description, AttributeIds.UserAccessLevel] as const;

/** Builds TagDefs for `seeds`, filling what the configuration left out from the server. Tags whose node cannot be
 * read are still returned (their samples will carry bad quality) and logged. */
export async function readTagMetadata(
  session: ClientSession,
  seeds: TagSeed[],
  sourceId: string,
  log: Log,
  limits: MetadataLimits = {},
): Promise<TagWithType[]> {
  const nodeIds = seeds.map((s) => s.nodeId);
  const reads: ReadValueIdOptions[] = [];
  for (const nodeId of nodeIds) for (const attributeId of ATTRIBUTES) reads.push({ nodeId, attributeId });
  const values = await readChunked(session, reads, limits.read);
  const props = await findProperties(session, nodeIds, limits.translate);
  const propReads: ReadValueIdOptions[] = [];
  const propIndex: Array<{ seed: number; kind: 'eu' | 'unit' }> = [];
  props.forEach((p, i) => {
    if (p.euRange) {
      propReads.push({ nodeId: p.euRange, attributeId: AttributeIds.Value });
      propIndex.push({ seed: i, kind: 'eu' });
    }
    if (p.units) {
      propReads.push({ nodeId: p.units, attributeId: AttributeIds.Value });
      propIndex.push({ seed: i, kind: 'unit' });
    }
  });
  const propValues = await readChunked(session, propReads, limits.read);
  const euRanges: Array<EuRange | null> = seeds.map(() => null);
  const units: Array<string | null> = seeds.map(() => null);
  propIndex.forEach((p, i) => {
    if (p.kind === 'eu') euRanges[p.seed] = euRangeOf(propValues[i]);
    else units[p.seed] = unitOf(propValues[i]);
  });

  return seeds.map((seed, i) => {
    const [value, description, access] = [values[3 * i], values[3 * i + 1], values[3 * i + 2]];
    if (value && value.statusCode.value === StatusCodes.BadNodeIdUnknown.value) {
      log.warn({ source: sourceId, tag: seed.id, nodeId: seed.nodeId }, `node ${seed.nodeId} does not exist on the server`);
    }
    const serverType = value?.value?.dataType;
    const builtIn = serverType ? serverType : builtInOf(seed.dataType ?? 'Double');
    const accessLevel = typeof access?.value?.value === 'number' ? access.value.value : 0;
    const serverDescription = plainValue(description?.value);
    const def: TagDef = {
      id: seed.id,
      site: seed.site,
      area: seed.area,
      asset: seed.asset,
      name: seed.name,
      sourceId,
      nodeId: seed.nodeId,
      dataType: seed.dataType ?? tagDataTypeOf(builtIn),
      unit: seed.unit ?? units[i] ?? '',
      euRange: seed.euRange !== undefined ? seed.euRange : (euRanges[i] ?? null),
      description: seed.description ?? (typeof serverDescription === 'string' ? serverDescription : ''),
      writable: seed.writableFromAccessLevel ? (accessLevel & CURRENT_WRITE) !== 0 : seed.writable,
      group: seed.group,
      alarms: seed.alarms ?? null,
      deadband: seed.deadband ?? null,
    };
    return { def, builtIn };
  });
}
