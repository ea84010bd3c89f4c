// The address-space browser: a node's children (every continuation point followed with BrowseNext, the result
// paged for the UI) and one node's attributes. Standard services only (Browse, BrowseNext, Read), requests split
// by the server's operation limits, so any OPC UA stack works.
import {
  AttributeIds,
  BrowseDirection,
  DataType,
  NodeClass,
  ReferenceTypeIds,
  resolveNodeId,
  type BrowseDescriptionOptions,
  type BrowseResult,
  type ClientSession,
  type DataValue,
  type ReferenceDescription,
} from 'node-opcua';
import type { BrowseNodeDto, NodeAttributesDto } from '../../../contract/index.js';
import type { OperationLimits } from './server-info.js';

const HIERARCHICAL = `i=${ReferenceTypeIds.HierarchicalReferences}`;
const HAS_PROPERTY = `i=${ReferenceTypeIds.HasProperty}`;
const ALL_RESULT_FIELDS = 0x3f;
const REFERENCES_PER_PAGE = 1000;

function chunks<T>(items: T[], size: number | undefined): T[][] {
  const step = size && size > 0 ? size : items.length || 1;
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += step) out.push(items.slice(i, i + step));
  return out;
}

function description(nodeId: string, referenceTypeId: string, resultMask = ALL_RESULT_FIELDS): BrowseDescriptionOptions {
  return { nodeId, referenceTypeId, includeSubtypes: true, browseDirection: BrowseDirection.Forward, nodeClassMask: 0, resultMask };
}

/** Browse with a per-node reference cap: node-opcua takes it from the session when it builds the request. */
async function browseCapped(session: ClientSession, nodes: BrowseDescriptionOptions[], maxReferences: number): Promise<BrowseResult[]> {
  const s = session as ClientSession & { requestedMaxReferencesPerNode: number };
  const before = s.requestedMaxReferencesPerNode;
  s.requestedMaxReferencesPerNode = maxReferences;
  try {
    return await session.browse(nodes);
  } finally {
    s.requestedMaxReferencesPerNode = before;
  }
}

/** Every reference of one node, following continuation points (the server decides the page size). */
export async function browseAllReferences(session: ClientSession, nodeId: string, referenceTypeId = HIERARCHICAL): Promise<ReferenceDescription[]> {
  // Bounded pages: a server may answer fewer (it decides), never more; the rest comes through BrowseNext.
  const [first] = await browseCapped(session, [description(nodeId, referenceTypeId)], REFERENCES_PER_PAGE);
  if (!first) throw new Error(`Browse of ${nodeId} returned no result`);
  if (!first.statusCode.isGood()) throw new Error(`Browse of ${nodeId} failed: ${first.statusCode.name}`);
  const refs = [...(first.references ?? [])];
  let point = first.continuationPoint;
  while (point && point.length > 0) {
    const [next] = await session.browseNext([point], false);
    if (!next || !next.statusCode.isGood()) throw new Error(`BrowseNext of ${nodeId} failed: ${next?.statusCode.name ?? 'no result'}`);
    refs.push(...(next.references ?? []));
    point = next.continuationPoint;
  }
  return refs;
}

/** Which of `nodeIds` have at least one hierarchical child: one reference asked per node, continuation points released. */
async function haveChildren(session: ClientSession, nodeIds: string[], limits: OperationLimits): Promise<boolean[]> {
  const out: boolean[] = [];
  for (const chunk of chunks(nodeIds, limits.MaxNodesPerBrowse)) {
    const results = await browseCapped(session, chunk.map((n) => description(n, HIERARCHICAL, 0)), 1);
    const points = results.map((r) => r.continuationPoint).filter((p): p is Buffer => !!p && p.length > 0);
    if (points.length > 0) await session.browseNext(points, true);
    for (const r of results) out.push((r.references?.length ?? 0) > 0 || (!!r.continuationPoint && r.continuationPoint.length > 0));
  }
  return out;
}

async function readAttribute(session: ClientSession, nodeIds: string[], attributeId: AttributeIds, limits: OperationLimits): Promise<DataValue[]> {
  const out: DataValue[] = [];
  for (const chunk of chunks(nodeIds, limits.MaxNodesPerRead)) out.push(...(await session.read(chunk.map((nodeId) => ({ nodeId, attributeId })))));
  return out;
}

/** Data type node ids to names: built-in types by number, others by their BrowseName. */
async function dataTypeNames(session: ClientSession, ids: string[], limits: OperationLimits): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const unknown: string[] = [];
  for (const id of new Set(ids)) {
    const node = resolveNodeId(id);
    const builtIn = node.namespace === 0 && typeof node.value === 'number' ? DataType[node.value] : undefined;
    if (builtIn && node.value !== 0) names.set(id, builtIn);
    else unknown.push(id);
  }
  const browseNames = await readAttribute(session, unknown, AttributeIds.BrowseName, limits);
  unknown.forEach((id, i) => {
    const v = browseNames[i]?.value.value as { name?: string } | undefined;
    names.set(id, v?.name ?? id);
  });
  return names;
}

export interface BrowsePage {
  total: number;
  children: BrowseNodeDto[];
}

export async function browseChildren(session: ClientSession, nodeId: string, offset: number, limit: number, limits: OperationLimits): Promise<BrowsePage> {
  const seen = new Set<string>();
  const all = (await browseAllReferences(session, nodeId)).filter((r) => {
    const id = r.nodeId.toString();
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  const page = all.slice(offset, offset + limit);
  const ids = page.map((r) => r.nodeId.toString());
  const hasChildren = await haveChildren(session, ids, limits);
  const variables = page.flatMap((r, i) => (r.nodeClass === NodeClass.Variable || r.nodeClass === NodeClass.VariableType ? [i] : []));
  const typeValues = await readAttribute(session, variables.map((i) => ids[i] ?? ''), AttributeIds.DataType, limits);
  const typeIds = typeValues.map((dv) => (dv.statusCode.isGood() && dv.value.value ? String(dv.value.value.toString()) : ''));
  const names = await dataTypeNames(session, typeIds.filter((t) => t !== ''), limits);
  const dataTypes = new Map<number, string>();
  variables.forEach((pageIndex, k) => {
    const t = typeIds[k];
    if (t) dataTypes.set(pageIndex, names.get(t) ?? t);
  });
  return {
    total: all.length,
    children: page.map((r, i) => ({
      nodeId: ids[i] ?? '',
      nodeClass: NodeClass[r.nodeClass] ?? String(r.nodeClass),
      browseName: r.browseName.namespaceIndex > 0 ? `${r.browseName.namespaceIndex}:${r.browseName.name ?? ''}` : (r.browseName.name ?? ''),
      displayName: r.displayName.text ?? r.browseName.name ?? '',
      dataType: dataTypes.get(i) ?? null,
      hasChildren: hasChildren[i] ?? false,
      typeDefinition: r.typeDefinition && !r.typeDefinition.isEmpty() ? r.typeDefinition.toString() : null,
    })),
  };
}

const ACCESS_BITS: [number, string][] = [
  [0x01, 'CurrentRead'],
  [0x02, 'CurrentWrite'],
  [0x04, 'HistoryRead'],
  [0x08, 'HistoryWrite'],
  [0x10, 'SemanticChange'],
  [0x20, 'StatusWrite'],
  [0x40, 'TimestampWrite'],
];
const accessNames = (v: unknown): string[] => (typeof v === 'number' ? ACCESS_BITS.filter(([bit]) => (v & bit) !== 0).map(([, n]) => n) : []);

/** JSON-safe form of a value: numbers, strings, booleans, dates as ms, arrays, structures by their JSON. */
function jsonSafe(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return v.getTime();
  if (Buffer.isBuffer(v)) return v.toString('base64');
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) return v.map(jsonSafe);
  if (typeof v === 'object') {
    const o = v as { toJSON?: () => unknown; toString(): string };
    return typeof o.toJSON === 'function' ? o.toJSON() : o.toString();
  }
  return v;
}

const ATTRIBUTES = [
  AttributeIds.NodeClass,
  AttributeIds.BrowseName,
  AttributeIds.DisplayName,
  AttributeIds.Description,
  AttributeIds.Value,
  AttributeIds.DataType,
  AttributeIds.ValueRank,
  AttributeIds.AccessLevel,
  AttributeIds.UserAccessLevel,
  AttributeIds.MinimumSamplingInterval,
  AttributeIds.Historizing,
];

export async function readNodeAttributes(session: ClientSession, nodeId: string, limits: OperationLimits): Promise<NodeAttributesDto> {
  const values: DataValue[] = [];
  for (const chunk of chunks(ATTRIBUTES, limits.MaxNodesPerRead)) {
    values.push(...(await session.read(chunk.map((attributeId) => ({ nodeId, attributeId })))));
  }
  const good = (i: number): unknown => (values[i]?.statusCode.isGood() ? values[i]?.value.value : undefined);
  const nodeClass = good(0);
  if (typeof nodeClass !== 'number') throw new Error(`node ${nodeId} does not exist on the server (${values[0]?.statusCode.name ?? 'no result'})`);
  const valueDv = values[4];
  const dataTypeId = good(5);
  const typeName = dataTypeId ? (await dataTypeNames(session, [String(dataTypeId.toString())], limits)).get(String(dataTypeId.toString())) : undefined;
  // EURange and EngineeringUnits are properties (HasProperty) of analog items, found by browse name.
  const props = nodeClass === NodeClass.Variable ? await browseAllReferences(session, nodeId, HAS_PROPERTY) : [];
  const prop = (name: string) => props.find((p) => p.browseName.name === name)?.nodeId.toString();
  const [euRangeId, unitsId] = [prop('EURange'), prop('EngineeringUnits')];
  const propIds = [euRangeId, unitsId].filter((x): x is string => !!x);
  const propValues = await readAttribute(session, propIds, AttributeIds.Value, limits);
  const propValue = (id: string | undefined) => (id ? propValues[propIds.indexOf(id)]?.value.value : undefined) as Record<string, unknown> | undefined;
  const range = propValue(euRangeId);
  const units = propValue(unitsId) as { displayName?: { text?: string }; description?: { text?: string }; unitId?: number; namespaceUri?: string } | undefined;
  const text = (v: unknown) => (v && typeof v === 'object' && 'text' in v ? String((v as { text: unknown }).text ?? '') : null);
  const browseName = good(1) as { name?: string; namespaceIndex?: number } | undefined;
  return {
    nodeId,
    nodeClass: NodeClass[nodeClass] ?? String(nodeClass),
    browseName: browseName?.namespaceIndex ? `${browseName.namespaceIndex}:${browseName.name ?? ''}` : (browseName?.name ?? ''),
    displayName: text(good(2)) ?? '',
    description: text(good(3)),
    dataType: typeName ?? null,
    valueRank: typeof good(6) === 'number' ? (good(6) as number) : null,
    accessLevel: accessNames(good(7)),
    userAccessLevel: accessNames(good(8)),
    value: valueDv && nodeClass === NodeClass.Variable ? jsonSafe(valueDv.value.value) : null,
    statusCode: valueDv && nodeClass === NodeClass.Variable ? valueDv.statusCode.name : null,
    sourceTimestamp: valueDv?.sourceTimestamp?.getTime() ?? null,
    serverTimestamp: valueDv?.serverTimestamp?.getTime() ?? null,
    minimumSamplingInterval: typeof good(9) === 'number' ? (good(9) as number) : null,
    historizing: typeof good(10) === 'boolean' ? (good(10) as boolean) : null,
    euRange: range && typeof range.low === 'number' && typeof range.high === 'number' ? { low: range.low, high: range.high } : null,
    engineeringUnits: units
      ? { displayName: units.displayName?.text ?? '', description: units.description?.text ?? '', unitId: units.unitId ?? 0, namespaceUri: units.namespaceUri ?? '' }
      : null,
  };
}
