// Shared pieces for the store-and-forward tests: counter tags that change every tick, and a subscriber that
// reconnects with a persistent session and checks exactly-once (after de-dup by topic+ts), per-topic order, and
// the historical flag.
import { connect, type MqttClient } from 'mqtt';
import type { TagBatch } from '../../../src-main/contract/index.js';
import type { TagDef } from '../../../src-main/domain/tags.js';
import { tagDef } from './mqtt-test-kit.js';

export const T0 = Date.UTC(2026, 0, 15, 8);
export const TICK_MS = 100;

export function counterTags(count: number): TagDef[] {
  return Array.from({ length: count }, (_, i) => tagDef(`demo-site/line-${Math.floor(i / 50)}/asset-${i % 50}/counter`));
}

/** Tick n: every tag's value is n, at source time T0 + n·100 ms (so (topic, ts) identifies a change). */
export function counterBatch(tags: TagDef[], tick: number): TagBatch {
  return { samples: tags.map((t) => ({ tagId: t.id, ts: T0 + tick * TICK_MS, value: tick, quality: 'good' as const })) };
}

export interface Change {
  value: number;
  ts: string;
  historical: boolean;
}

export interface ChangeLog {
  client: MqttClient;
  /** topic → changes in arrival order (duplicates included). */
  byTopic: Map<string, Change[]>;
  total(): number;
  distinct(): number;
  close(): Promise<void>;
}

/** Subscribes `<prefix>/demo-site/#` at QoS 1 with a persistent session, reconnecting until closed. */
export async function changeLog(url: string, prefix: string, clientId: string): Promise<ChangeLog> {
  const client = connect(url, { clientId, clean: false, reconnectPeriod: 200, protocolVersion: 4 });
  const byTopic = new Map<string, Change[]>();
  const seen = new Set<string>();
  let total = 0;
  client.on('error', () => undefined); // refused while the broker is down: it keeps retrying
  client.on('message', (topic, payload) => {
    const parsed = JSON.parse(payload.toString()) as { value: number; ts: string; historical?: boolean };
    const list = byTopic.get(topic) ?? [];
    list.push({ value: parsed.value, ts: parsed.ts, historical: parsed.historical === true });
    byTopic.set(topic, list);
    seen.add(`${topic} ${parsed.ts}`);
    total += 1;
  });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  await client.subscribeAsync(`${prefix}/demo-site/#`, { qos: 1 });
  return { client, byTopic, total: () => total, distinct: () => seen.size, close: () => client.endAsync(true) };
}

/** Every tick 0..ticks-1 of every topic exactly once after de-dup, live and historical each in order; returns
 * which ticks came flagged historical. */
export function checkChanges(log: ChangeLog, topics: string[], ticks: number): { historical: Set<number>; duplicates: number } {
  const historical = new Set<number>();
  let duplicates = 0;
  for (const topic of topics) {
    const seen = new Map<string, Change>();
    let lastLive = -1;
    let lastHistorical = -1;
    for (const c of log.byTopic.get(topic) ?? []) {
      if (seen.has(c.ts)) {
        duplicates += 1;
        continue;
      }
      seen.set(c.ts, c);
      if (Date.parse(c.ts) !== T0 + c.value * TICK_MS) throw new Error(`${topic}: value ${c.value} arrived with ts ${c.ts}`);
      if (c.historical) {
        if (c.value <= lastHistorical) throw new Error(`${topic}: historical ${c.value} after ${lastHistorical}`);
        lastHistorical = c.value;
        historical.add(c.value);
      } else {
        if (c.value <= lastLive) throw new Error(`${topic}: live ${c.value} after ${lastLive}`);
        lastLive = c.value;
      }
    }
    if (seen.size !== ticks) {
      const missing = Array.from({ length: ticks }, (_, i) => i).filter((i) => !seen.has(new Date(T0 + i * TICK_MS).toISOString()));
      throw new Error(`${topic}: ${seen.size} of ${ticks} changes arrived; missing ticks ${missing.slice(0, 10).join(', ')}…`);
    }
  }
  return { historical, duplicates };
}
