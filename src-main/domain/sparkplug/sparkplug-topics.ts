// The Sparkplug B topic namespace: spBv1.0/<group>/<type>/<edge node>[/<device>], and STATE for host applications.

export const SPARKPLUG_NAMESPACE = 'spBv1.0';

export type NodeMessageType = 'NBIRTH' | 'NDEATH' | 'NDATA' | 'NCMD';
export type DeviceMessageType = 'DBIRTH' | 'DDEATH' | 'DDATA' | 'DCMD';
export type SparkplugMessageType = NodeMessageType | DeviceMessageType;

const MESSAGE_TYPES = new Set<string>(['NBIRTH', 'NDEATH', 'NDATA', 'NCMD', 'DBIRTH', 'DDEATH', 'DDATA', 'DCMD']);

/** Group, edge node, device and host ids: one topic level each, so no `/ + #` (and no NUL). */
export const SPARKPLUG_ID_PATTERN = /^[^#+/\u0000]{1,64}$/;

export function isValidSparkplugId(id: string): boolean {
  return SPARKPLUG_ID_PATTERN.test(id);
}

export function nodeTopic(groupId: string, type: NodeMessageType, edgeNodeId: string): string {
  return `${SPARKPLUG_NAMESPACE}/${groupId}/${type}/${edgeNodeId}`;
}

export function deviceTopic(groupId: string, type: DeviceMessageType, edgeNodeId: string, deviceId: string): string {
  return `${SPARKPLUG_NAMESPACE}/${groupId}/${type}/${edgeNodeId}/${deviceId}`;
}

export function stateTopic(hostId: string): string {
  return `${SPARKPLUG_NAMESPACE}/STATE/${hostId}`;
}

export interface ParsedTopic {
  groupId: string;
  type: SparkplugMessageType;
  edgeNodeId: string;
  deviceId: string | null;
}

/** Parses an edge-node or device topic; null for STATE, other namespaces or malformed topics. */
export function parseSparkplugTopic(topic: string): ParsedTopic | null {
  const parts = topic.split('/');
  if (parts[0] !== SPARKPLUG_NAMESPACE || parts.length < 4 || parts.length > 5) return null;
  const [, groupId = '', type = '', edgeNodeId = '', deviceId] = parts;
  if (!MESSAGE_TYPES.has(type) || groupId === '' || edgeNodeId === '') return null;
  const isDevice = type.startsWith('D');
  if (isDevice !== (deviceId !== undefined) || deviceId === '') return null;
  return { groupId, type: type as SparkplugMessageType, edgeNodeId, deviceId: deviceId ?? null };
}
