// The mirror of the tag tree in the bridge server's address space: Objects/PlantBridge/<site>/<area>/<asset>/<tag>.
import { DataType, NodeClass, Variant, makeAccessLevelFlag } from 'node-opcua';
import type { AddressSpace, BaseNode, Namespace, UAObject, UAVariable } from 'node-opcua';
import type { TagBatch } from '../../../contract/index.js';
import type { TagDef } from '../../../domain/tags.js';
import type { Log, WriteGate } from '../../../services/ports.js';
import { euInformationFor } from './eu-information.js';
import { LiveValue, OPCUA_DATA_TYPE } from './live-value.js';
import { TAG_ROLE_PERMISSIONS } from './user-directory.js';
import { GatedWrite, type WriteCounters } from './write-path.js';

export const ROOT_FOLDER = 'PlantBridge';

/**
 * Fastest rate at which a subscription samples a mirrored value. Above 0 on purpose: the variables are bound to a
 * cached DataValue (no value_changed event per sample), so monitored items must poll the cache with a timer; a
 * requested samplingInterval of 0 is revised to this. 100 ms is faster than any operator display needs.
 */
export const MIN_SAMPLING_INTERVAL_MS = 100;

interface MirroredTag {
  def: TagDef;
  variable: UAVariable;
  live: LiveValue;
}

/** Text identifying a tag's shape: a tag whose shape changed is re-created, not patched. */
function shapeOf(t: TagDef): string {
  return JSON.stringify([t.dataType, t.unit, t.euRange, t.description, t.writable]);
}

export class TagTree {
  private readonly tags = new Map<string, MirroredTag>();
  private readonly folders = new Map<string, UAObject>();
  private readonly namespace: Namespace;

  constructor(
    private readonly addressSpace: AddressSpace,
    private readonly gate: WriteGate,
    private readonly counters: WriteCounters,
    private readonly log: Log,
  ) {
    this.namespace = addressSpace.getOwnNamespace();
  }

  get size(): number {
    return this.tags.size;
  }

  /** Brings the tree in line with `defs`: new tags added, removed ones deleted, changed ones re-created. */
  setTags(defs: readonly TagDef[]): void {
    const wanted = new Map(defs.map((d) => [d.id, d]));
    for (const [id, mirrored] of this.tags) {
      const def = wanted.get(id);
      if (!def || shapeOf(def) !== shapeOf(mirrored.def)) this.remove(id);
    }
    for (const def of wanted.values()) {
      if (this.tags.has(def.id)) continue;
      try {
        this.add(def);
      } catch (err) {
        this.log.warn({ tag: def.id, err: err instanceof Error ? err.message : String(err) }, 'bridge server: tag not mirrored');
      }
    }
    this.pruneEmptyFolders();
  }

  update(batch: TagBatch): void {
    const tags = this.tags;
    for (const sample of batch.samples) tags.get(sample.tagId)?.live.set(sample);
  }

  private add(def: TagDef): void {
    const parent = this.folderFor([def.site, def.area, def.asset]);
    const live = new LiveValue(def.dataType);
    const gated = new GatedWrite(def.id, this.gate, this.counters, this.log);
    const accessLevel = makeAccessLevelFlag(def.writable ? 'CurrentRead | CurrentWrite' : 'CurrentRead');
    const common = {
      nodeId: `s=${def.id}`,
      browseName: def.name,
      displayName: def.name,
      description: def.description,
      componentOf: parent,
      dataType: DataType[OPCUA_DATA_TYPE[def.dataType]],
      accessLevel,
      userAccessLevel: accessLevel,
      minimumSamplingInterval: MIN_SAMPLING_INTERVAL_MS,
      rolePermissions: TAG_ROLE_PERMISSIONS,
      value: { timestamped_get: () => live.get(), timestamped_set: gated.setter },
    };
    const numeric = def.dataType !== 'Boolean' && def.dataType !== 'String';
    let variable: UAVariable;
    if (numeric && def.euRange) {
      variable = this.namespace.addAnalogDataItem({
        ...common,
        engineeringUnitsRange: { low: def.euRange.low, high: def.euRange.high },
        engineeringUnits: euInformationFor(def.unit),
      });
    } else {
      variable = this.namespace.addVariable({ ...common, typeDefinition: numeric ? 'BaseAnalogType' : 'BaseDataVariableType' });
      if (numeric && def.unit) this.addEngineeringUnits(variable, def.unit);
    }
    gated.attach(variable);
    this.tags.set(def.id, { def, variable, live });
  }

  /** BaseAnalogType without a range still tells clients its unit (EngineeringUnits is optional there). */
  private addEngineeringUnits(variable: UAVariable, unit: string): void {
    this.namespace.addVariable({
      propertyOf: variable,
      browseName: { name: 'EngineeringUnits', namespaceIndex: 0 },
      typeDefinition: 'PropertyType',
      dataType: 'EUInformation',
      accessLevel: makeAccessLevelFlag('CurrentRead'),
      minimumSamplingInterval: 0,
      value: new Variant({ dataType: DataType.ExtensionObject, value: this.euInformationObject(unit) }),
    });
  }

  private euInformationObject(unit: string): unknown {
    const dataType = this.addressSpace.findDataType('EUInformation');
    if (!dataType) throw new Error('EUInformation DataType missing from the standard nodeset');
    return this.addressSpace.constructExtensionObject(dataType, { ...euInformationFor(unit) });
  }

  private remove(id: string): void {
    const mirrored = this.tags.get(id);
    if (!mirrored) return;
    this.tags.delete(id);
    this.addressSpace.deleteNode(mirrored.variable);
  }

  private folderFor(levels: string[]): UAObject {
    let parent = this.rootFolder();
    let path = '';
    for (const level of levels) {
      path = path ? `${path}/${level}` : level;
      let folder = this.folders.get(path);
      if (!folder) {
        folder = this.existingFolder(path) ?? this.namespace.addFolder(parent, { nodeId: `s=${path}`, browseName: level });
        this.folders.set(path, folder);
      }
      parent = folder;
    }
    return parent;
  }

  private rootFolder(): UAObject {
    let root = this.folders.get('');
    if (!root) {
      root =
        this.existingFolder(ROOT_FOLDER) ??
        this.namespace.addFolder(this.addressSpace.rootFolder.objects, { nodeId: `s=${ROOT_FOLDER}`, browseName: ROOT_FOLDER });
      this.folders.set('', root);
    }
    return root;
  }

  private existingFolder(path: string): UAObject | null {
    const node = this.namespace.findNode(`s=${path}`);
    return node && node.nodeClass === NodeClass.Object ? (node as UAObject) : null;
  }

  /** Deletes folders no tag lives under any more (deepest first). */
  private pruneEmptyFolders(): void {
    const used = new Set<string>(['']);
    for (const { def } of this.tags.values()) {
      used.add(def.site).add(`${def.site}/${def.area}`).add(`${def.site}/${def.area}/${def.asset}`);
    }
    const unused = [...this.folders.keys()].filter((p) => !used.has(p)).sort((a, b) => b.length - a.length);
    for (const path of unused) {
      const folder = this.folders.get(path) as BaseNode;
      this.folders.delete(path);
      this.addressSpace.deleteNode(folder);
    }
  }
}
