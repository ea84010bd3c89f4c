// One OPC UA subscription for one subscription group, with its monitored items created in batches of ≤ 1,000
// (fewer when the server's MaxMonitoredItemsPerCall says so).
// node-opcua keeps the ClientMonitoredItem objects across a session repair, so listeners attached here survive
// a reconnection; `verify()` checks on the server that the subscription and its items really exist.
import {
  ClientMonitoredItemGroup,
  DataChangeFilter,
  DataChangeTrigger,
  DeadbandType,
  TimestampsToReturn,
  AttributeIds,
  type ClientSession,
  type ClientSessionRawSubscriptionService,
  type ClientSubscription,
  type DataValue,
  type DataType,
} from 'node-opcua';
import type { SubscriptionGroupStatus } from '../../../contract/index.js';
import type { Deadband, SubscriptionGroup, TagDef } from '../../../domain/tags.js';
import type { Log } from '../../../services/ports.js';
import { isNumericType } from './values.js';

export const MAX_ITEMS_PER_CALL = 1000;

/** What the server granted a subscription group, as the source status reports it. */
export type SubscriptionInfo = SubscriptionGroupStatus;
const LOGGED_ITEM_FAILURES = 20;

export interface MonitoredTag {
  /** Position of the tag in the source's tag list: the sink's fast index. */
  index: number;
  def: TagDef;
  builtIn: DataType;
}

/** Called once per data change, synchronously, from node-opcua's notification loop. Must be cheap. */
export type SampleSink = (tagIndex: number, dataValue: DataValue) => void;

function filterFor(deadband: Deadband | null, builtIn: DataType): DataChangeFilter | null {
  // Deadbands only apply to numbers; the server refuses a filter on a Boolean or String.
  if (!deadband || deadband.value <= 0 || !isNumericType(builtIn)) return null;
  return new DataChangeFilter({
    trigger: DataChangeTrigger.StatusValue,
    deadbandType: deadband.kind === 'percent' ? DeadbandType.Percent : DeadbandType.Absolute,
    deadbandValue: deadband.value,
  });
}

function filterKey(deadband: Deadband | null, builtIn: DataType): string {
  const f = filterFor(deadband, builtIn);
  return f ? `${deadband?.kind}:${deadband?.value}` : 'none';
}

export class GroupSubscription {
  private subscription: ClientSubscription | null = null;
  private itemGroups: ClientMonitoredItemGroup[] = [];
  private goodItems = 0;
  private revisedSampling: number[] = [];
  private createCalls = 0;

  constructor(
    private readonly group: SubscriptionGroup,
    private readonly tags: MonitoredTag[],
    private readonly sink: SampleSink,
    private readonly log: Log,
    private readonly sourceId: string,
    /** The server's MaxMonitoredItemsPerCall (0 or absent: no limit beyond our own 1,000). */
    maxItemsPerCall = 0,
  ) {
    this.itemsPerCall = maxItemsPerCall > 0 ? Math.min(MAX_ITEMS_PER_CALL, maxItemsPerCall) : MAX_ITEMS_PER_CALL;
  }

  private readonly itemsPerCall: number;

  get monitoredItems(): number {
    return this.goodItems;
  }

  /** What the server made of the request: revised intervals, refused items, CreateMonitoredItems calls used. */
  info(): SubscriptionInfo {
    const sampling = this.revisedSampling;
    return {
      group: this.group.name,
      requestedPublishingIntervalMs: this.group.publishingIntervalMs,
      revisedPublishingIntervalMs: this.subscription?.publishingInterval ?? null,
      requestedSamplingIntervalMs: this.group.samplingIntervalMs,
      revisedSamplingIntervalMs: sampling.length ? { min: Math.min(...sampling), max: Math.max(...sampling) } : null,
      monitoredItems: this.goodItems,
      refusedItems: this.tags.length - this.goodItems,
      itemsPerCall: this.itemsPerCall,
      createCalls: this.createCalls,
    };
  }

  /** Creates the subscription and every monitored item; returns how many items the server accepted. */
  async create(session: ClientSession): Promise<number> {
    const publishing = this.group.publishingIntervalMs;
    // Keep-alive about every 10 s at most; the server may drop the subscription after 3 missed keep-alives' worth.
    const keepAlive = Math.max(3, Math.min(100, Math.ceil(10_000 / publishing)));
    this.subscription = await session.createSubscription2({
      requestedPublishingInterval: publishing,
      requestedMaxKeepAliveCount: keepAlive,
      requestedLifetimeCount: keepAlive * 6,
      maxNotificationsPerPublish: 0,
      publishingEnabled: true,
      priority: 10,
    });
    this.subscription.on('error', (err: Error) => this.log.warn({ source: this.sourceId, group: this.group.name, err: err.message }, 'subscription error'));
    this.itemGroups = [];
    this.goodItems = 0;
    this.createCalls = 0;
    const revised = new Set<number>();
    const buckets = new Map<string, MonitoredTag[]>();
    for (const tag of this.tags) {
      const key = filterKey(tag.def.deadband ?? this.group.deadband, tag.builtIn);
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = []));
      bucket.push(tag);
    }
    let failuresLogged = 0;
    let failures = 0;
    for (const bucket of buckets.values()) {
      for (let start = 0; start < bucket.length; start += this.itemsPerCall) {
        const chunk = bucket.slice(start, start + this.itemsPerCall);
        const first = chunk[0];
        if (!first) continue;
        const itemGroup = await this.monitorChunk(chunk, filterFor(first.def.deadband ?? this.group.deadband, first.builtIn));
        this.createCalls++;
        itemGroup.monitoredItems.forEach((item, i) => {
          if (item.statusCode.isGood()) {
            this.goodItems++;
            const interval = item.result?.revisedSamplingInterval;
            if (typeof interval === 'number') revised.add(interval);
            return;
          }
          failures++;
          if (failuresLogged++ < LOGGED_ITEM_FAILURES) {
            const tag = chunk[i];
            this.log.warn(
              { source: this.sourceId, tag: tag?.def.id, nodeId: tag?.def.nodeId, status: item.statusCode.name },
              `monitored item for ${tag?.def.id} refused by the server: ${item.statusCode.name}`,
            );
          }
        });
      }
    }
    this.revisedSampling = [...revised];
    if (failures > LOGGED_ITEM_FAILURES) {
      this.log.warn({ source: this.sourceId, group: this.group.name, failures }, `${failures} monitored items refused in group ${this.group.name}`);
    }
    return this.goodItems;
  }

  private monitorChunk(chunk: MonitoredTag[], filter: DataChangeFilter | null): Promise<ClientMonitoredItemGroup> {
    const subscription = this.subscription;
    if (!subscription) return Promise.reject(new Error('subscription not created'));
    const indices = Int32Array.from(chunk, (t) => t.index);
    const sink = this.sink;
    const itemGroup = ClientMonitoredItemGroup.create(
      subscription,
      chunk.map((t) => ({ nodeId: t.def.nodeId, attributeId: AttributeIds.Value })),
      { samplingInterval: this.group.samplingIntervalMs, queueSize: this.group.queueSize, discardOldest: true, filter },
      TimestampsToReturn.Both,
    );
    // Attached before the items exist, so no first value can slip past.
    itemGroup.on('changed', (_item, dataValue: DataValue, index: number) => {
      sink(indices[index] ?? -1, dataValue);
    });
    this.itemGroups.push(itemGroup);
    return new Promise((resolve, reject) => {
      itemGroup.once('initialized', () => resolve(itemGroup));
      itemGroup.once('terminated', (err?: Error) => reject(err ?? new Error('monitored items terminated')));
    });
  }

  /** True when the server knows this subscription with at least as many items as it accepted at creation. */
  async verify(session: ClientSession): Promise<boolean> {
    const subscription = this.subscription;
    if (!subscription || !subscription.isActive) return false;
    try {
      // The implementation has it; the published ClientSession type omits the raw subscription services.
      const raw = session as ClientSession & ClientSessionRawSubscriptionService;
      const data = await raw.getMonitoredItems(subscription.subscriptionId);
      return data.serverHandles.length >= this.goodItems;
    } catch (err) {
      this.log.warn({ source: this.sourceId, group: this.group.name, err: (err as Error).message }, 'subscription check failed');
      return false;
    }
  }

  /** Deletes the subscription on the server (best effort: the session may already be gone). */
  async terminate(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    for (const g of this.itemGroups) g.removeAllListeners('changed');
    this.itemGroups = [];
    if (!subscription) return;
    try {
      await subscription.terminate();
    } catch {
      // A subscription of a dead session is gone with it.
    }
  }
}
