// Reads and writes of one tag's value on a live session; a write failure becomes an OPC UA status, never a throw.
import { AttributeIds, type ClientSession, type DataType } from 'node-opcua';
import type { TagValue } from '../../../contract/index.js';
import type { TagDef } from '../../../domain/tags.js';
import type { Log, SourceWriteResult } from '../../../services/ports.js';
import { builtInOf, plainValue, toVariant } from './values.js';

/** Writes `value` as the tag's OPC UA type: the one read from the server (`builtIn`), else the configured one. */
export async function writeTagValue(
  session: ClientSession,
  tag: TagDef,
  builtIn: DataType | undefined,
  value: TagValue,
  ctx: { log: Log; sourceId: string },
): Promise<SourceWriteResult> {
  const variant = toVariant(builtIn ?? builtInOf(tag.dataType), value);
  if (typeof variant === 'string') return { status: variant };
  try {
    const status = await session.write({ nodeId: tag.nodeId, attributeId: AttributeIds.Value, value: { value: variant } });
    return { status: status.name };
  } catch (err) {
    ctx.log.warn({ source: ctx.sourceId, tag: tag.id, err: (err as Error).message }, 'write failed');
    return { status: 'BadCommunicationError' };
  }
}

export async function readTagValue(session: ClientSession, tag: TagDef): Promise<TagValue> {
  const dataValue = await session.read({ nodeId: tag.nodeId, attributeId: AttributeIds.Value });
  return plainValue(dataValue.value);
}
