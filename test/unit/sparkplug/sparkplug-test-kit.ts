// Shared pieces of the Sparkplug tests: tags, a recording command sink, an uplink factory with test defaults.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TagBatch, TagDataType } from '../../../src-main/contract/index.js';
import { createSparkplugUplink } from '../../../src-main/adapters/sparkplug/index.js';
import type { SparkplugUplinkOptions } from '../../../src-main/adapters/sparkplug/index.js';
import type { Outbox, RemoteCommand, RemoteCommandSink } from '../../../src-main/services/ports.js';
import type { TagDef } from '../../../src-main/domain/tags.js';
import { makeTag } from '../../fixtures/tags.js';
import { recordingLog, systemClock } from '../mqtt/mqtt-test-kit.js';
import { MemoryOutbox } from '../../../src-main/adapters/store/outbox/memory-outbox.js';

export function plantTags(): TagDef[] {
  const tag = (id: string, dataType: TagDataType, extra: Partial<TagDef> = {}): TagDef =>
    makeTag({ id, dataType, sourceId: 'sim', ...extra });
  return [
    tag('plant/area1/pump-1/flow', 'Double', { unit: 'm3/h', euRange: { low: 0, high: 250 }, writable: true }),
    tag('plant/area1/pump-1/running', 'Boolean'),
    tag('plant/area1/pump-1/speed', 'Int32', { unit: 'rpm', euRange: { low: -3000, high: 3000 } }),
    tag('plant/area2/tank-1/level', 'Float', { unit: '%', euRange: { low: 0, high: 100 } }),
    tag('plant/area2/tank-1/mode', 'String'),
    tag('plant/area2/tank-1/count', 'UInt32'),
  ];
}

export class RecordingSink implements RemoteCommandSink {
  submitted: RemoteCommand[] = [];
  malformedReasons: string[] = [];
  async submit(cmd: RemoteCommand): Promise<{ status: string; message: string }> {
    this.submitted.push(cmd);
    return { status: 'Good', message: 'ok' };
  }
  malformed(_via: RemoteCommand['via'], reason: string): void {
    this.malformedReasons.push(reason);
  }
}

export function tempBdSeqFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'pb-sparkplug-')), 'bdseq.json');
}

export interface TestUplinkParts<O extends Outbox = MemoryOutbox> {
  outbox: O;
  sink: RecordingSink;
  bdSeqFile: string;
}

/** An uplink with test defaults; its outbox is in memory unless the test passes one (e.g. the real SQLite outbox). */
export function testUplink<O extends Outbox = MemoryOutbox>(
  url: string,
  overrides: Partial<SparkplugUplinkOptions> = {},
  parts: Partial<TestUplinkParts<O>> = {},
) {
  const outbox = parts.outbox ?? (new MemoryOutbox(1_000_000) as unknown as O);
  const sink = parts.sink ?? new RecordingSink();
  const bdSeqFile = parts.bdSeqFile ?? tempBdSeqFile();
  const uplink = createSparkplugUplink({
    url,
    groupId: 'G1',
    edgeNodeId: 'E1',
    batchMs: 20,
    outbox,
    drainPerSecond: 1000,
    bdSeqFile,
    commands: sink,
    commandUser: 'scada-host',
    softwareVersion: '0.1.0',
    reconnectPeriodMs: 200,
    rebirthMinIntervalMs: 300,
    log: recordingLog(),
    clock: systemClock,
    ...overrides,
  });
  return { uplink, outbox, sink, bdSeqFile };
}

export function batch(samples: [string, number, TagBatch['samples'][number]['value'], TagBatch['samples'][number]['quality']?][]): TagBatch {
  return { samples: samples.map(([tagId, ts, value, quality]) => ({ tagId, ts, value, quality: quality ?? 'good' })) };
}
