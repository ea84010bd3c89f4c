// Reads what a server says about itself from the standard Server object nodes (Read service only, so it works
// against any stack): build info, namespaces, operation limits and capabilities. Reads are split by the server's
// own MaxNodesPerRead.
import { AttributeIds, VariableIds, type ClientSession, type DataValue } from 'node-opcua';
import type { ServerInfoDto } from '../../../contract/index.js';

const LIMIT_NAMES = [
  'MaxNodesPerRead',
  'MaxNodesPerWrite',
  'MaxNodesPerMethodCall',
  'MaxNodesPerBrowse',
  'MaxNodesPerRegisterNodes',
  'MaxNodesPerTranslateBrowsePathsToNodeIds',
  'MaxNodesPerNodeManagement',
  'MaxMonitoredItemsPerCall',
  'MaxNodesPerHistoryReadData',
  'MaxNodesPerHistoryReadEvents',
  'MaxNodesPerHistoryUpdateData',
  'MaxNodesPerHistoryUpdateEvents',
] as const;
export type OperationLimitName = (typeof LIMIT_NAMES)[number];
export type OperationLimits = Partial<Record<OperationLimitName, number>>;

const ids = VariableIds as unknown as Record<string, number>;
function variableId(name: string): string {
  const id = ids[name];
  if (id === undefined) throw new Error(`unknown standard variable ${name}`);
  return `i=${id}`;
}
const limitNode = (name: OperationLimitName) => variableId(`Server_ServerCapabilities_OperationLimits_${name}`);

/** Reads many Value attributes, at most `perCall` per Read request. Bad results come back as undefined. */
export async function readValues(session: ClientSession, nodeIds: string[], perCall: number): Promise<unknown[]> {
  const out: unknown[] = [];
  const step = perCall > 0 ? perCall : nodeIds.length || 1;
  for (let i = 0; i < nodeIds.length; i += step) {
    const chunk = nodeIds.slice(i, i + step);
    const values: DataValue[] = await session.read(chunk.map((nodeId) => ({ nodeId, attributeId: AttributeIds.Value })));
    for (const dv of values) out.push(dv.statusCode.isGood() ? (dv.value.value as unknown) : undefined);
  }
  return out;
}

function positive(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** The server's operation limits (a limit of 0 or one the server does not expose means "no limit"). */
export async function readOperationLimits(session: ClientSession): Promise<OperationLimits> {
  // MaxNodesPerRead first, alone: it bounds the read of the others.
  const [perRead] = await readValues(session, [limitNode('MaxNodesPerRead')], 1);
  const values = await readValues(session, LIMIT_NAMES.map(limitNode), positive(perRead) || LIMIT_NAMES.length);
  const limits: OperationLimits = {};
  LIMIT_NAMES.forEach((name, i) => {
    const v = positive(values[i]);
    if (v !== undefined) limits[name] = v;
  });
  return limits;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : v && typeof v === 'object' && 'text' in v ? String((v as { text: unknown }).text ?? '') : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const date = (v: unknown): number | null => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.getTime() : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => str(x) ?? String(x)) : []);

const SERVER_STATES = ['Running', 'Failed', 'NoConfiguration', 'Suspended', 'Shutdown', 'Test', 'CommunicationFault', 'Unknown'];

export async function readServerInfo(session: ClientSession): Promise<ServerInfoDto> {
  const operationLimits = await readOperationLimits(session);
  const names = [
    'Server_NamespaceArray',
    'Server_ServerArray',
    'Server_ServerStatus_State',
    'Server_ServerStatus_CurrentTime',
    'Server_ServerStatus_BuildInfo_ProductName',
    'Server_ServerStatus_BuildInfo_ProductUri',
    'Server_ServerStatus_BuildInfo_ManufacturerName',
    'Server_ServerStatus_BuildInfo_SoftwareVersion',
    'Server_ServerStatus_BuildInfo_BuildNumber',
    'Server_ServerStatus_BuildInfo_BuildDate',
    'Server_ServerCapabilities_ServerProfileArray',
    'Server_ServerCapabilities_LocaleIdArray',
    'Server_ServerCapabilities_MinSupportedSampleRate',
    'Server_ServerCapabilities_MaxBrowseContinuationPoints',
    'Server_ServerCapabilities_MaxQueryContinuationPoints',
    'Server_ServerCapabilities_MaxHistoryContinuationPoints',
    'Server_ServerCapabilities_MaxArrayLength',
    'Server_ServerCapabilities_MaxStringLength',
    'Server_ServerCapabilities_MaxByteStringLength',
  ];
  const v = await readValues(session, names.map(variableId), operationLimits.MaxNodesPerRead ?? 0);
  const state = num(v[2]);
  return {
    applicationUri: strings(v[1])[0] ?? null,
    buildInfo: {
      productName: str(v[4]),
      productUri: str(v[5]),
      manufacturerName: str(v[6]),
      softwareVersion: str(v[7]),
      buildNumber: str(v[8]),
      buildDate: date(v[9]),
    },
    state: state === null ? null : (SERVER_STATES[state] ?? String(state)),
    currentTime: date(v[3]),
    namespaces: strings(v[0]),
    operationLimits,
    serverCapabilities: {
      serverProfiles: strings(v[10]),
      localeIds: strings(v[11]),
      minSupportedSampleRate: num(v[12]),
      maxBrowseContinuationPoints: num(v[13]),
      maxQueryContinuationPoints: num(v[14]),
      maxHistoryContinuationPoints: num(v[15]),
      maxArrayLength: num(v[16]),
      maxStringLength: num(v[17]),
      maxByteStringLength: num(v[18]),
    },
  };
}
