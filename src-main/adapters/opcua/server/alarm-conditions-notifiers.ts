// The Part 9 event hierarchy of the bridge server: Server ─HasNotifier→ PlantBridge ─→ site ─→ area ─→ asset
// ─HasEventSource→ tag variable ─HasCondition→ condition. Clients subscribe to events on the Server object (or any
// folder on the way) and ConditionRefresh walks the same references to replay retained conditions.
import { NodeClass, sameNodeId } from 'node-opcua';
import type { AddressSpace, BaseNode, UAObject, UAVariable } from 'node-opcua';
import { ROOT_FOLDER } from './tag-tree.js';

/** NodeId string of the folder holding PlantBridge's own (system) alarm conditions; `#` cannot occur in a tag path. */
export const SYSTEM_ALARMS_FOLDER = `${ROOT_FOLDER}#SystemAlarms`;

function addOnce(from: BaseNode, referenceType: 'HasNotifier' | 'HasEventSource', to: BaseNode): void {
  const exists = from.findReferences(referenceType, true).some((r) => sameNodeId(r.nodeId, to.nodeId));
  if (!exists) from.addReference({ referenceType, isForward: true, nodeId: to.nodeId });
}

function folder(addressSpace: AddressSpace, path: string): UAObject | null {
  const node = addressSpace.getOwnNamespace().findNode(`s=${path}`);
  return node && node.nodeClass === NodeClass.Object ? (node as UAObject) : null;
}

function rootFolder(addressSpace: AddressSpace): UAObject {
  const namespace = addressSpace.getOwnNamespace();
  const root =
    folder(addressSpace, ROOT_FOLDER) ??
    namespace.addFolder(addressSpace.rootFolder.objects, { nodeId: `s=${ROOT_FOLDER}`, browseName: ROOT_FOLDER });
  addOnce(addressSpace.rootFolder.objects.server, 'HasNotifier', root);
  return root;
}

/**
 * Makes the tag variable an event source of its asset folder, and links the folders up to the Server as notifiers.
 * Returns the asset folder (where the tag's conditions live), or null when the tag tree has no such folder.
 */
export function ensureEventSource(addressSpace: AddressSpace, tagId: string, variable: UAVariable): UAObject | null {
  const levels = tagId.split('/').slice(0, -1);
  let parent = rootFolder(addressSpace);
  let path = '';
  for (const level of levels) {
    path = path ? `${path}/${level}` : level;
    const next = folder(addressSpace, path);
    if (!next) return null;
    addOnce(parent, 'HasNotifier', next);
    parent = next;
  }
  // node-opcua raises a variable's condition events through the one object it is an event source of.
  if (variable.getEventSourceOfs().length === 0) parent.addReference({ referenceType: 'HasEventSource', isForward: true, nodeId: variable.nodeId });
  return parent;
}

/** The folder PlantBridge's system alarm conditions are components of (their SourceNode is the Server object). */
export function systemAlarmsFolder(addressSpace: AddressSpace): UAObject {
  const root = rootFolder(addressSpace);
  const existing = folder(addressSpace, SYSTEM_ALARMS_FOLDER);
  if (existing) return existing;
  const created = addressSpace
    .getOwnNamespace()
    .addFolder(root, { nodeId: `s=${SYSTEM_ALARMS_FOLDER}`, browseName: 'SystemAlarms', description: 'PlantBridge system alarms' });
  addOnce(root, 'HasNotifier', created);
  return created;
}
