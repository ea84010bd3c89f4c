// NCMD/DCMD: `Node Control/Rebirth` is handled here; every other metric is resolved (name or alias) to its tag
// and handed to the remote-command sink, which decides. Anything that cannot be understood is reported as
// malformed and never written; nothing a host sends can throw out of here.
import type { Log, RemoteCommandSink } from '../../services/ports.js';
import { REBIRTH_METRIC, type MetricCatalog, type ParsedTopic } from '../../domain/sparkplug/index.js';
import { decodeCommandPayload, type CommandMetric } from './sparkplug-codec.js';

export interface CommandContext {
  catalog: MetricCatalog;
  sink: RemoteCommandSink;
  user: string;
  /** Primary host online, or true when no primary host is configured. */
  authenticated: () => boolean;
  requestRebirth: () => void;
  log: Log;
}

function describeRef(m: CommandMetric): string {
  const name = m.name === undefined ? '' : JSON.stringify(m.name.slice(0, 80));
  return m.alias !== undefined ? `alias ${m.alias}${name === '' ? '' : ` (${name})`}` : name === '' ? '(no name or alias)' : name;
}

export function handleCommand(ctx: CommandContext, topic: string, parsed: ParsedTopic, payload: Uint8Array): void {
  let decoded;
  try {
    decoded = decodeCommandPayload(payload);
  } catch (err) {
    ctx.sink.malformed('sparkplug', `${parsed.type} on ${topic}: ${(err as Error).message}`);
    return;
  }
  for (const metric of decoded.metrics) {
    if (parsed.type === 'NCMD') {
      if (metric.name === REBIRTH_METRIC && metric.alias === undefined) {
        if (metric.value === true) ctx.requestRebirth();
        else if (metric.value !== false) ctx.sink.malformed('sparkplug', `NCMD ${REBIRTH_METRIC} with a non-boolean value`);
        continue;
      }
      // PlantBridge's node metrics (bdSeq, Properties/…) are not writable; plant tags live on devices (DCMD).
      ctx.sink.malformed('sparkplug', `unknown metric ${describeRef(metric)} in NCMD (plant tags are written with DCMD)`);
      continue;
    }
    const deviceId = parsed.deviceId ?? '';
    const entry = ctx.catalog.resolve(deviceId, { name: metric.name, alias: metric.alias });
    if (entry === undefined) {
      ctx.sink.malformed('sparkplug', `unknown metric ${describeRef(metric)} on device ${JSON.stringify(deviceId.slice(0, 80))}`);
      continue;
    }
    if (metric.value === undefined) {
      ctx.sink.malformed('sparkplug', `DCMD metric ${describeRef(metric)} has no value`);
      continue;
    }
    const ts = metric.timestamp ?? decoded.timestamp;
    const ref = metric.alias !== undefined ? String(metric.alias) : (metric.name ?? '');
    ctx.sink
      .submit({
        via: 'sparkplug',
        tag: entry.tag.id,
        value: metric.value,
        ts,
        user: ctx.user,
        authenticated: ctx.authenticated(),
        commandId: `${topic}:${ts ?? 'none'}:${ref}`,
      })
      .catch((err: unknown) => ctx.log.error({ err, tag: entry.tag.id }, 'Sparkplug: remote command sink failed'));
  }
}
